import XCTest
import ONNXModel
@testable import ONNXShapeInference

final class ReductionRulesTests: XCTestCase {
    func testAxesAsAttributeBeforeOpset18() {
        var g = TestGraph(opset: 13)
        g.input("x", .float, ["N", 64, 7, 7])
        g.node("ReduceMean", ["x"], ["a"], [.ints("axes", [2, 3])])
        g.node("ReduceMean", ["x"], ["b"], [.ints("axes", [-1, -2]), .int("keepdims", 0)])
        g.node("ReduceMax", ["x"], ["c"], [.int("keepdims", 0)])
        let r = g.infer()
        assertType(r, "a", .float, ["N", 64, 1, 1])
        assertType(r, "b", .float, ["N", 64])
        assertType(r, "c", .float, [])
    }

    func testAxesAsInputFromOpset18AndReduceSumFrom13() {
        var g = TestGraph(opset: 18)
        g.input("x", .float, [2, 3, 4])
        g.initializer("axes", int64: [1])
        g.node("ReduceMean", ["x", "axes"], ["a"], [.int("keepdims", 0)])
        g.node("ReduceSum", ["x"], ["all"])
        g.node("ReduceSum", ["x"], ["noop"], [.int("noop_with_empty_axes", 1)])
        g.input("dyn", .int64, [1])
        g.node("ReduceL2", ["x", "dyn"], ["unknown"])
        let r = g.infer()
        assertType(r, "a", .float, [2, 4])
        assertType(r, "all", .float, [1, 1, 1])
        assertType(r, "noop", .float, [2, 3, 4])
        assertType(r, "unknown", .float, nil)
    }

    func testAxisOutOfRangeFailsFromOpset11Only() {
        var g = TestGraph(opset: 11)
        g.input("x", .float, [2, 3])
        g.node("ReduceSum", ["x"], ["y"], [.ints("axes", [5])])
        assertUntyped(g.infer(), "y")
    }

    func testArgMaxAndArgMin() {
        var g = TestGraph(opset: 13)
        g.input("x", .float, [2, 3, 4])
        g.node("ArgMax", ["x"], ["a"], [.int("axis", 1)])
        g.node("ArgMin", ["x"], ["b"], [.int("axis", -1), .int("keepdims", 0)])
        let r = g.infer()
        assertType(r, "a", .int64, [2, 1, 4])
        assertType(r, "b", .int64, [2, 3])
    }
}
