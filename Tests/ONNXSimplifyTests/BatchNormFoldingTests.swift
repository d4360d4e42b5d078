import XCTest
import ONNXModel
@testable import ONNXSimplify

final class BatchNormFoldingTests: XCTestCase {
    /// Conv(2 -> 2, 1x1) [+ bias] -> BatchNormalization, with distinct statistics per channel.
    func convBN(bias: Bool, trainingMode: Int64? = nil, extraUse: Bool = false, sharedWeight: Bool = false) -> Model {
        var b = GraphBuilder()
        b.input("x", [1, 2, 3, 3])
        b.floats("w", [2, 2, 1, 1], [1, 2, 3, 4])
        if bias { b.floats("b", [2], [0.5, -0.5]) }
        b.floats("gamma", [2], [2, 0.5])
        b.floats("beta", [2], [0.1, 0.2])
        b.floats("mean", [2], [1, -1])
        b.floats("var", [2], [4, 0.25])
        b.node("Conv", bias ? ["x", "w", "b"] : ["x", "w"], ["c"], [.ints("kernel_shape", [1, 1])])
        var attrs: [Attribute] = [.float("epsilon", 0)]
        if let t = trainingMode { attrs.append(.int("training_mode", t)) }
        let outs = trainingMode == 1 ? ["y", "rm", "rv"] : ["y"]
        b.node("BatchNormalization", ["c", "gamma", "beta", "mean", "var"], outs, attrs)
        b.output("y")
        if extraUse {
            b.node("Relu", ["c"], ["side"])
            b.output("side")
        }
        if sharedWeight {
            b.node("Conv", ["x", "w"], ["other"], [.ints("kernel_shape", [1, 1])])
            b.output("other")
        }
        return b.model
    }

    func testFoldedWeightsAndBias() throws {
        let s = try simplified(convBN(bias: true))
        XCTAssertEqual(s.opTypes, ["Conv"])
        let conv = s.graph.nodes[0]
        XCTAssertEqual(conv.outputs, ["y"])
        // s = gamma / sqrt(var): [1, 1]; W' = W * s; b' = (b - mean) * s + beta.
        XCTAssertEqual(try s.initializer(conv.inputs[1])?.floatValues(), [1, 2, 3, 4])
        let expectedBias: [Float] = [0.5 - 1 + 0.1, -0.5 + 1 + 0.2]
        XCTAssertEqual(try s.initializer(conv.inputs[2])?.floatValues(), expectedBias)

        let noBias = try simplified(convBN(bias: false))
        let expectedNoBias: [Float] = [-1 + 0.1, 1 + 0.2]
        XCTAssertEqual(try noBias.initializer(noBias.graph.nodes[0].inputs[2])?.floatValues(), expectedNoBias)
    }

    func testTrainingModeIsFoldedAsInference() throws {
        let s = try simplified(convBN(bias: false, trainingMode: 1))
        XCTAssertEqual(s.opTypes, ["Conv"])
        var keep = SimplifyOptions()
        keep.inferenceMode = false
        XCTAssertEqual(try Simplifier.simplify(convBN(bias: false, trainingMode: 1), options: keep).opTypes,
                       ["Conv", "BatchNormalization"])
    }

    func testConvOutputReadElsewhereIsNotFolded() throws {
        XCTAssertEqual(Set(try simplified(convBN(bias: true, extraUse: true)).opTypes), ["Conv", "BatchNormalization", "Relu"])
    }

    func testSharedWeightIsCopiedNotOverwritten() throws {
        var m = convBN(bias: false, sharedWeight: true)
        // gamma / sqrt(var) = [2, 2]: the folded weight differs from the shared one.
        let g = try XCTUnwrap(m.graph.initializers.firstIndex { $0.name == "gamma" })
        m.graph.initializers[g] = Tensor.float32(name: "gamma", dims: [2], values: [4, 1])
        let s = try simplified(m)
        let convs = s.graph.nodes.filter { $0.opType == "Conv" }
        XCTAssertEqual(convs.count, 2)
        XCTAssertNotEqual(convs[0].inputs[1], convs[1].inputs[1])
        let other = try XCTUnwrap(convs.first { $0.outputs == ["other"] })
        XCTAssertEqual(try s.initializer(other.inputs[1])?.floatValues(), [1, 2, 3, 4])
        let folded = try XCTUnwrap(convs.first { $0.outputs == ["y"] })
        XCTAssertEqual(try s.initializer(folded.inputs[1])?.floatValues(), [2, 4, 6, 8])
    }

    func testBatchNormWithoutConvIsKept() throws {
        var b = GraphBuilder()
        b.input("x", [1, 2, 3, 3])
        for n in ["g", "bt", "m", "v"] { b.floats(n, [2], [1, 1]) }
        b.node("Relu", ["x"], ["r"])
        b.node("BatchNormalization", ["r", "g", "bt", "m", "v"], ["y"])
        b.output("y")
        XCTAssertEqual(try simplified(b.model).opTypes, ["Relu", "BatchNormalization"])
    }

    func testGemmFoldingIsOptIn() throws {
        var b = GraphBuilder()
        b.input("x", [1, 3])
        b.floats("w", [2, 3], [1, 2, 3, 4, 5, 6])
        b.floats("c", [2], [1, 1])
        b.floats("gamma", [2], [2, 1])
        b.floats("beta", [2], [0, 1])
        b.floats("mean", [2], [1, 0])
        b.floats("var", [2], [1, 1])
        b.node("Gemm", ["x", "w", "c"], ["g"], [.int("transB", 1)])
        b.node("BatchNormalization", ["g", "gamma", "beta", "mean", "var"], ["y"], [.float("epsilon", 0)])
        b.output("y")
        XCTAssertEqual(try simplified(b.model).opTypes, ["Gemm", "BatchNormalization"])
        let s = try simplified(b.model) { $0.foldBatchNormIntoGemm = true }
        XCTAssertEqual(s.opTypes, ["Gemm"])
        let g = s.graph.nodes[0]
        XCTAssertEqual(try s.initializer(g.inputs[1])?.floatValues(), [2, 4, 6, 4, 5, 6])
        // C' = (C - mean) * s + beta with s = [2, 1].
        let expectedC: [Float] = [0, 2]
        XCTAssertEqual(try s.initializer(g.inputs[2])?.floatValues(), expectedC)
    }
}
