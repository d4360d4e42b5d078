import XCTest
import ONNXModel
import NetworkBuilder
import ONNXNetEncoding
@testable import SearchSpaces

final class EinspaceSpaceTests: XCTestCase {
    let space = EinspaceSpace()

    private func ops(_ s: String) throws -> [String] {
        try space.build(s, weights: .shapesOnly).graph.nodes.map(\.opType)
    }

    private func message(_ s: String) -> String {
        do { _ = try space.canonicalize(s); return "" } catch { return "\(error)" }
    }

    func testSamplesRoundTripAndAreDeterministic() throws {
        let a = try space.sample(count: 30, seed: 11)
        XCTAssertEqual(a, try space.sample(count: 30, seed: 11))
        XCTAssertEqual(Set(a).count, 30)
        XCTAssertNotEqual(a, try space.sample(count: 30, seed: 12))
        for s in a { XCTAssertEqual(try space.canonicalize(s), s) }
    }

    func testCanonicalFormSpacing() throws {
        let s = "sequential_module( computation_module(linear64),computation_module( norm ) )"
        XCTAssertEqual(try space.canonicalize(s), "sequential_module(computation_module(linear64), computation_module(norm))")
    }

    func testValidationErrors() {
        // Not in the grammar.
        XCTAssertTrue(message("computation_module(linear64)").contains("not an alternative of NETWORK"), message("computation_module(linear64)"))
        XCTAssertTrue(message("sequential_module(computation_module(linear65), computation_module(norm))").contains("`linear65`"))
        XCTAssertTrue(message("sequential_module(computation_module(norm))").contains("1 arguments"))
        // col2im needs an im2col in its own routing module.
        let noFold = "routing_module(identity, computation_module(linear64), col2im)"
        XCTAssertTrue(message(noFold).contains("R -> \"col2im\"") && message(noFold).contains("applies to 3-D tensors"), message(noFold))
        let nested = "routing_module(im2col1k1s0p, routing_module(identity, computation_module(norm), col2im), identity)"
        XCTAssertTrue(message(nested).contains("no im2col starts this routing module"), message(nested))
        // Branch shapes that do not add up.
        let add = "branching_module(clone_tensor2, computation_module(linear16), computation_module(linear32), add_tensors)"
        XCTAssertTrue(message(add).contains("A2 -> \"add_tensors\"") && message(add).contains("differ"), message(add))
        // Three channels: no split along them, and no 4-way split anywhere.
        let split = "branching_module(group_dim2s1d, computation_module(identity), computation_module(identity), add_tensors)"
        XCTAssertTrue(message(split).contains("odd size 3"), message(split))
        let four = "branching_module(group_dim4s2d, computation_module(identity), cat_tensors2d4t)"
        XCTAssertTrue(message(four).contains("shorter than 4"), message(four))
        // A matrix product needs matching inner sizes.
        let dot = "branching_module(clone_tensor2, computation_module(linear16), computation_module(identity), dot_product)"
        XCTAssertTrue(message(dot).contains("do not multiply"), message(dot))
    }

    func testConvolutionisedRoutingFoldsItsNorm() throws {
        let conv = "sequential_module(routing_module(im2col3k1s1p, computation_module(linear64), col2im), computation_module(norm))"
        XCTAssertEqual(try ops(conv), ["Conv", "ReduceMean", "Gemm"])
        let model = try space.build(conv, weights: .shapesOnly)
        let c = model.graph.nodes[0]
        XCTAssertEqual(c.inputs.count, 3)
        XCTAssertEqual(c.attributes.first { $0.name == "kernel_shape" }?.ints, [3, 3])
        let info = try space.info(conv)
        XCTAssertEqual(info.trainableParameters, 3 * 9 * 64 + 64 + 2 * 64 + 64 * 10 + 10)
        XCTAssertEqual(info.flops, 32 * 32 * 64 * 27 + 640)
    }

    func testUnfoldWithoutLinearStaysAnIm2col() throws {
        let s = "routing_module(im2col3k2s1p, computation_module(norm), col2im)"
        XCTAssertEqual(try ops(s), ["Pad", "Gather", "Gather", "Transpose", "Reshape", "Transpose",
                                    "LayerNormalization", "Transpose", "Reshape", "ReduceMean", "Gemm"])
    }

    func testSimplificationsOfTheExport() throws {
        // Both branches compute the same softmax: one Softmax, one Unsqueeze.
        let same = "branching_module(clone_tensor2, computation_module(softmax), computation_module(softmax), add_tensors)"
        XCTAssertEqual(try ops(same), ["Softmax", "Unsqueeze", "Concat", "ReduceSum", "ReduceMean", "Gemm"])
        // A permutation undone leaves nothing.
        XCTAssertEqual(try ops("routing_module(permute213, computation_module(identity), permute213)"), ["ReduceMean", "Gemm"])
        // Nested concatenations on one axis become one Concat.
        let cats = "branching_module(clone_tensor2, branching_module(clone_tensor2, computation_module(leakyrelu), computation_module(norm), cat_tensors1d2t), computation_module(softmax), cat_tensors1d2t)"
        XCTAssertEqual(try ops(cats).filter { $0 == "Concat" }.count, 1)
    }

    func testAttentionAndQKVFusion() throws {
        let attention = { (v: String) in
            "routing_module(im2col4k4s0p, branching_module(clone_tensor2, sequential_module(branching_module(clone_tensor2, "
                + "computation_module(linear16), routing_module(identity, computation_module(linear16), permute21), scaled_dot_product), "
                + "computation_module(softmax)), computation_module(\(v)), dot_product), col2im)"
        }
        let distinct = try ops(attention("linear64"))
        XCTAssertEqual(distinct.filter { $0 == "MatMul" }.count, 5)
        XCTAssertEqual(distinct.filter { $0 == "Softmax" }.count, 1)
        XCTAssertEqual(distinct.filter { $0 == "Mul" }.count, 1)
        // Three equal projections of one tensor: one MatMul and a Split (onnx-simplifier's fuse_qkv).
        let fused = try ops(attention("linear16"))
        XCTAssertEqual(fused.filter { $0 == "MatMul" }.count, 3)
        XCTAssertEqual(fused.filter { $0 == "Split" }.count, 1)
        XCTAssertEqual(try space.info(attention("linear16")).nodeCount, fused.count)
    }

    func testSampledBuildsAreWellFormed() throws {
        var counts: [Int] = []
        for s in try space.sample(count: 40, seed: 5) {
            let model = try space.build(s, weights: .shapesOnly)
            let known = Set(model.graph.nodes.flatMap(\.outputs)).union(model.graph.initializers.map(\.name)).union(["input"])
            for n in model.graph.nodes { for i in n.inputs { XCTAssertTrue(known.contains(i), "\(n.name) reads unknown \(i)") } }
            XCTAssertEqual(model.graph.nodes.last?.opType, "Gemm")
            XCTAssertEqual(try space.info(s).nodeCount, model.graph.nodes.count)
            XCTAssertEqual(ONNXNetEncoder.encode(model).warnings, [], s)
            counts.append(model.graph.nodes.count)
        }
        XCTAssertGreaterThan(counts.max()! - counts.min()!, 20)
    }

    func testRegistered() throws {
        XCTAssertEqual(try SearchSpaceRegistry.space("einspace").id, "einspace")
        XCTAssertNil(space.architectureCount)
    }
}
