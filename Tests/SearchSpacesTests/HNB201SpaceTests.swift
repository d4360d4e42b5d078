import XCTest
import ONNXModel
import NetworkBuilder
import ONNXNetEncoding
@testable import SearchSpaces

final class HNB201SpaceTests: XCTestCase {
    let space = HNB201Space()

    /// Cell with the given six edge operations (`(OPS id)` style strings).
    static func cell(_ ops: [String]) -> String {
        "(CELL Cell " + ops.map { "(OPS \($0))" }.joined(separator: " ") + ")"
    }

    static let plainCell = cell(["avg_pool", "id", "id", "zero", "avg_pool", "id"])

    /// The smallest macro shape: D2 -> Linear3 D1 D1 D0 with all-linear stages.
    static func linearNetwork(_ cell: String = plainCell) -> String {
        let c = "(C Linear2 \(cell) \(cell))"
        let down = "(DOWN Linear2 \(cell) resBlock)"
        let d1 = "(D1 Linear3 \(c) \(c) \(down))"
        let d0 = "(D0 Linear3 \(c) \(c) \(cell))"
        return "(D2 Linear3 \(d1) \(d1) \(d0))"
    }

    func testSamplesRoundTripAndAreDeterministic() throws {
        let a = try space.sample(count: 40, seed: 7)
        let b = try space.sample(count: 40, seed: 7)
        XCTAssertEqual(a, b)
        XCTAssertEqual(Set(a).count, 40)
        XCTAssertNotEqual(a, try space.sample(count: 40, seed: 8))
        for s in a {
            XCTAssertEqual(try space.canonicalize(s), s)
            XCTAssertTrue(s.hasPrefix("(D2 "))
        }
    }

    func testCanonicalizeNormalisesWhitespace() throws {
        let s = Self.linearNetwork()
        let spaced = s.replacingOccurrences(of: " (", with: "\n  ( ").replacingOccurrences(of: ")", with: " )")
        XCTAssertEqual(try space.canonicalize(spaced), s)
    }

    func testValidationNamesTheBadProduction() {
        func message(_ s: String) -> String {
            do { _ = try space.canonicalize(s); return "" } catch { return "\(error)" }
        }
        // An unknown terminal.
        let bad = Self.linearNetwork(Self.cell(["id", "sep_conv", "id", "id", "id", "id"]))
        XCTAssertTrue(message(bad).contains("no production matches `(OPS sep_conv)`"), message(bad))
        // A nonterminal where another is expected.
        XCTAssertTrue(message("(D1 Linear3)").contains("found D1 where D2 is expected"), message("(D1 Linear3)"))
        // Unbalanced.
        XCTAssertTrue(message("(D2 Linear3 (D1").contains("missing `)`") || message("(D2 Linear3 (D1").contains("expected"))
        // Zero edges that cut the cell: 1->4 path needs some non-zero route.
        let cut = Self.linearNetwork(Self.cell(["zero", "zero", "id", "zero", "id", "id"]))
        let m = message(cut)
        XCTAssertTrue(m.contains("OPS -> \"zero\"") && m.contains("disconnect"), m)
        XCTAssertTrue(message("").contains("expected `(`"))
    }

    func testBuildOfAPlainNetwork() throws {
        let model = try space.build(Self.linearNetwork(), weights: .shapesOnly)
        let ops = model.graph.nodes.map(\.opType)
        XCTAssertEqual(ops.first, "Conv")
        XCTAssertEqual(Array(ops.suffix(5)), ["BatchNormalization", "Relu", "GlobalAveragePool", "Flatten", "Gemm"])
        // Every Conv -> BN pair is folded: the stem and the ResNet blocks leave no BN.
        XCTAssertEqual(ops.filter { $0 == "BatchNormalization" }.count, 1)
        // 15 cells, each with two AveragePools on different inputs (0->2 and 1->3); 2 ResNet blocks.
        XCTAssertEqual(ops.filter { $0 == "AveragePool" }.count, 15 * 2 + 2)
        XCTAssertEqual(ops.filter { $0 == "Conv" }.count, 1 + 2 * 3)
        XCTAssertEqual(model.graph.outputs.map(\.name), ["output"])
        let info = try space.info(Self.linearNetwork())
        XCTAssertEqual(info.nodeCount, model.graph.nodes.count)
        // Stem 464, two ResNet blocks (16->32, 32->64), output block 778.
        func block(_ c: Int) -> Int { 18 * c * c + 4 * c + 36 * c * c + 4 * c + 2 * c * c }
        XCTAssertEqual(info.trainableParameters, 464 + block(16) + block(32) + 778)
    }

    func testZeroEdgesPruneDeadOperations() throws {
        // Node 2 only feeds zero edges, so the conv block on 1->2 disappears with it.
        let block = "Linear1 (CONVBLOCK Linear3 (ACT relu) (CONV conv3x3o) (NORM batch))"
        let dead = Self.cell([block, "avg_pool", "zero", "id", "zero", "id"])
        let model = try space.build(Self.linearNetwork(dead), weights: .shapesOnly)
        XCTAssertEqual(model.graph.nodes.filter { $0.opType == "Conv" }.count, 1 + 2 * 3)
        let kept = Self.cell([block, "avg_pool", "id", "id", "zero", "id"])
        let model2 = try space.build(Self.linearNetwork(kept), weights: .shapesOnly)
        XCTAssertEqual(model2.graph.nodes.filter { $0.opType == "Conv" }.count, 1 + 2 * 3 + 15)
    }

    func testConvolutionBlockVariants() throws {
        func ops(_ act: String, _ conv: String, _ norm: String) throws -> [String] {
            let block = "Linear1 (CONVBLOCK Linear3 (ACT \(act)) (CONV \(conv)) (NORM \(norm)))"
            let net = Self.linearNetwork(Self.cell([block, "zero", "id", "zero", "zero", "id"]))
            return try space.build(net, weights: .shapesOnly).graph.nodes.map(\.opType)
        }
        let mish = try ops("mish", "dconv3x3o", "layer")
        XCTAssertEqual(mish.filter { $0 == "LayerNormalization" }.count, 15)
        XCTAssertEqual(mish.filter { $0 == "Softplus" }.count, 15)
        XCTAssertEqual(mish.filter { $0 == "Tanh" }.count, 15)
        let hs = try ops("hardswish", "conv1x1o", "instance")
        XCTAssertEqual(hs.filter { $0 == "InstanceNormalization" }.count, 15)
        XCTAssertEqual(hs.filter { $0 == "HardSwish" }.count, 15)
        // Here the last cell's output is the block's Conv -> BN itself, so the output block's
        // BatchNorm folds into the same Conv: no BatchNormalization is left at all.
        let bn = try ops("relu", "conv3x3o", "batch")
        XCTAssertEqual(bn.filter { $0 == "BatchNormalization" }.count, 0)
        XCTAssertEqual(bn.filter { $0 == "Conv" }.count, 1 + 2 * 3 + 15)
    }

    func testSampledBuildsAreWellFormed() throws {
        var counts: [Int] = []
        for s in try space.sample(count: 12, seed: 3) {
            let model = try space.build(s, weights: .shapesOnly)
            let produced = Set(model.graph.nodes.flatMap(\.outputs))
            let known = produced.union(model.graph.initializers.map(\.name)).union(["input"])
            for n in model.graph.nodes { for i in n.inputs { XCTAssertTrue(known.contains(i), "\(n.name) reads unknown \(i)") } }
            XCTAssertEqual(model.graph.nodes.last?.opType, "Gemm")
            counts.append(model.graph.nodes.count)
            XCTAssertEqual(try space.info(s).nodeCount, model.graph.nodes.count)
            XCTAssertEqual(ONNXNetEncoder.encode(model).warnings, [])
        }
        XCTAssertGreaterThan(counts.max()! - counts.min()!, 10)
    }

    func testRegistered() throws {
        XCTAssertEqual(try SearchSpaceRegistry.space("hnb201").id, "hnb201")
        XCTAssertNil(space.architectureCount)
    }
}
