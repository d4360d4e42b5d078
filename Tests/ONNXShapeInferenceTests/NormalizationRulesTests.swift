import XCTest
import ONNXModel
@testable import ONNXShapeInference

final class NormalizationRulesTests: XCTestCase {
    func testBatchNormalizationInferenceMode() {
        var g = TestGraph(opset: 15)
        g.input("x", .float, ["N", 4, 8, 8])
        for p in ["s", "b", "m", "v"] { g.input(p, .float, [4]) }
        g.node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y"])
        assertType(g.infer(), "y", .float, ["N", 4, 8, 8])
    }

    func testBatchNormalizationTrainingModeOutputsRunningStatistics() {
        var g = TestGraph(opset: 15)
        g.input("x", .float, [2, 4, 8])
        for p in ["s", "b", "m", "v"] { g.input(p, .float, [nil]) }
        g.node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y", "rm", "rv"], [.int("training_mode", 1)])
        let r = g.infer()
        assertType(r, "y", .float, [2, 4, 8])
        assertType(r, "rm", .float, [4])
        assertType(r, "rv", .float, [4])
    }

    /// Before opset 14 BatchNormalization only copies X; the extra outputs stay unknown.
    func testBatchNormalizationOpset9() {
        var g = TestGraph(opset: 9)
        g.input("x", .float, [2, 4, 8])
        for p in ["s", "b", "m", "v"] { g.input(p, .float, [4]) }
        g.node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y", "rm"])
        let r = g.infer()
        assertType(r, "y", .float, [2, 4, 8])
        assertUntyped(r, "rm")
    }

    func testLayerNormalizationStatisticsShapes() {
        var g = TestGraph(opset: 17)
        g.input("x", .float16, [2, 5, 6])
        g.input("s", .float16, [6])
        g.node("LayerNormalization", ["x", "s"], ["y", "mean", "inv"], [.int("axis", -1)])
        let r = g.infer()
        assertType(r, "y", .float16, [2, 5, 6])
        assertType(r, "mean", .float, [2, 5, 1])
        assertType(r, "inv", .float, [2, 5, 1])
    }

    func testInstanceNormLRNAndMeanVarianceNormalization() {
        var g = TestGraph(opset: 13)
        g.input("x", .float, [1, 3, 4, 4])
        g.input("s", .float, [3])
        g.node("InstanceNormalization", ["x", "s", "s"], ["a"])
        g.node("LRN", ["a"], ["b"], [.int("size", 3)])
        g.node("MeanVarianceNormalization", ["b"], ["c"])
        let r = g.infer()
        for n in ["a", "b", "c"] { assertType(r, n, .float, [1, 3, 4, 4]) }
    }
}
