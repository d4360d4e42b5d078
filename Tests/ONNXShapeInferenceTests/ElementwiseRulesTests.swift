import XCTest
import ONNXModel
@testable import ONNXShapeInference

final class ElementwiseRulesTests: XCTestCase {
    func testUnaryKeepsTypeAndShape() {
        var g = TestGraph()
        g.input("x", .float, ["N", 3, 8])
        g.node("Relu", ["x"], ["a"])
        g.node("Sigmoid", ["a"], ["b"])
        g.node("Erf", ["b"], ["c"])
        g.node("LeakyRelu", ["c"], ["d"], [.float("alpha", 0.1)])
        let r = g.infer()
        for name in ["a", "b", "c", "d"] { assertType(r, name, .float, ["N", 3, 8]) }
    }

    func testBinaryBroadcasting() {
        var g = TestGraph()
        g.input("a", .float, ["N", 1, 4])
        g.input("b", .float, [3, 1])
        g.input("s", .float, [])
        g.node("Add", ["a", "b"], ["y"])
        g.node("Mul", ["y", "s"], ["z"])
        let r = g.infer()
        assertType(r, "y", .float, ["N", 3, 4])
        assertType(r, "z", .float, ["N", 3, 4])
    }

    func testBroadcastingOfDifferentSymbolsGivesAFreshSymbol() {
        var g = TestGraph()
        g.input("a", .float, ["N", 4])
        g.input("b", .float, ["M", 4])
        g.node("Sub", ["a", "b"], ["y"])
        assertType(g.infer(), "y", .float, ["unk__0", 4])
    }

    func testIncompatibleBroadcastLeavesOutputUnknown() {
        var g = TestGraph()
        g.input("a", .float, [2, 3])
        g.input("b", .float, [4, 3])
        g.node("Add", ["a", "b"], ["y"])
        let r = g.infer()
        assertUntyped(r, "y")
        XCTAssertFalse(r.warnings.isEmpty)
    }

    func testLegacyAddBeforeOpset7CopiesFirstInput() {
        var g = TestGraph(opset: 6)
        g.input("a", .float, [2, 3, 4])
        g.input("b", .float, [4])
        g.node("Add", ["a", "b"], ["y"], [.int("broadcast", 1)])
        assertType(g.infer(), "y", .float, [2, 3, 4])
        g.opset = 5  // Add-1 has no inference function
        assertUntyped(g.infer(), "y")
    }

    func testVariadicMaxBroadcastsAllInputs() {
        var g = TestGraph()
        g.input("a", .float, [2, 1, 5])
        g.input("b", .float, [3, 1])
        g.input("c", .float, [1])
        g.node("Max", ["a", "b", "c"], ["y"])
        g.node("Sum", ["a"], ["s"])
        let r = g.infer()
        assertType(r, "y", .float, [2, 3, 5])
        assertType(r, "s", .float, [2, 1, 5])
    }

    func testPowFollowsTheBaseTypeAndBroadcasts() {
        var g = TestGraph(opset: 15)
        g.input("x", .float, [2, 3])
        g.input("e", .int64, [3])
        g.node("Pow", ["x", "e"], ["y"])
        assertType(g.infer(), "y", .float, [2, 3])
    }

    func testComparisonsAndWhereGiveBoolAndBroadcast() {
        var g = TestGraph()
        g.input("a", .float, [4, 1])
        g.input("b", .float, [5])
        g.node("Less", ["a", "b"], ["m"])
        g.node("Not", ["m"], ["n"])
        g.node("Where", ["n", "a", "b"], ["w"])
        g.node("GreaterOrEqual", ["a", "b"], ["ge"])
        let r = g.infer()
        assertType(r, "m", .bool, [4, 5])
        assertType(r, "n", .bool, [4, 5])
        assertType(r, "w", .float, [4, 5])
        assertType(r, "ge", .bool, [4, 5])
    }

    func testClipAcrossOpsets() {
        var g = TestGraph(opset: 6)
        g.input("x", .float, [1, 2])
        g.node("Clip", ["x"], ["y"], [.float("min", 0), .float("max", 6)])
        assertType(g.infer(), "y", .float, [1, 2])
        var h = TestGraph(opset: 13)
        h.input("x", .float, [1, 2])
        h.initializer("lo", float: [0], dims: [])
        h.node("Clip", ["x", "lo", ""], ["y"])
        assertType(h.infer(), "y", .float, [1, 2])
    }

    func testSoftmaxAxisIsCheckedFromOpset11() {
        var g = TestGraph(opset: 11)
        g.input("x", .float, [2, 3])
        g.node("Softmax", ["x"], ["y"], [.int("axis", 2)])
        assertUntyped(g.infer(), "y")
        g.opset = 9
        assertType(g.infer(), "y", .float, [2, 3])
        g.opset = 13
        g.graph.nodes[0].attributes = []
        g.node("LogSoftmax", ["x"], ["z"])
        let r = g.infer()
        assertType(r, "y", .float, [2, 3])
        assertType(r, "z", .float, [2, 3])
    }

    func testDropoutMaskIsBoolFromOpset10() {
        var g = TestGraph(opset: 12)
        g.input("x", .float, [2, 3])
        g.node("Dropout", ["x"], ["y", "mask"])
        let r = g.infer()
        assertType(r, "y", .float, [2, 3])
        assertType(r, "mask", .bool, [2, 3])
        g.opset = 7
        let old = g.infer()
        assertType(old, "y", .float, [2, 3])
        assertUntyped(old, "mask")
    }
}
