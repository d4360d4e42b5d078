import XCTest
import ONNXModel
@testable import ONNXShapeInference

final class ConstantRulesTests: XCTestCase {
    func testConstantNodesAndTheirValuesFeedLaterRules() {
        var g = TestGraph(opset: 13)
        g.input("x", .float, [2, 3, 4])
        g.node("Constant", [], ["shape"], [.tensor("value", .int64(name: "", dims: [2], values: [6, 4]))])
        g.node("Reshape", ["x", "shape"], ["y"])
        g.node("Constant", [], ["ints"], [.ints("value_ints", [1, 2, 3])])
        g.node("Constant", [], ["f"], [.float("value_float", 0.5)])
        let r = g.infer()
        assertType(r, "shape", .int64, [2])
        assertType(r, "y", .float, [6, 4])
        assertType(r, "ints", .int64, [3])
        assertType(r, "f", .float, [])
    }

    func testShapeSizeAndShapeSlicingFromOpset15() {
        var g = TestGraph(opset: 15)
        g.input("x", .float, ["N", 3, 4, 5])
        g.node("Shape", ["x"], ["s"])
        g.node("Shape", ["x"], ["tail"], [.int("start", -2)])
        g.node("Size", ["x"], ["n"])
        let r = g.infer()
        assertType(r, "s", .int64, [4])
        assertType(r, "tail", .int64, [2])
        assertType(r, "n", .int64, [])
    }

    func testConstantOfShapeAndRange() {
        var g = TestGraph(opset: 11)
        g.initializer("dims", int64: [2, 5])
        g.node("ConstantOfShape", ["dims"], ["zeros"])
        g.node("ConstantOfShape", ["dims"], ["ones"], [.tensor("value", .int64(name: "", dims: [1], values: [1]))])
        g.initializer("start", int64: [1], dims: [])
        g.initializer("limit", int64: [10], dims: [])
        g.initializer("delta", int64: [3], dims: [])
        g.node("Range", ["start", "limit", "delta"], ["r"])
        let r = g.infer()
        assertType(r, "zeros", .float, [2, 5])
        assertType(r, "ones", .int64, [2, 5])
        assertType(r, "r", .int64, [3])
    }

    func testConstantOfShapeFromComputedShapeWithDataPropagation() {
        var g = TestGraph(opset: 17)
        g.input("x", .float, [2, 7])
        g.node("Shape", ["x"], ["s"])
        g.node("Cast", ["s"], ["s64"], [.int("to", 7)])
        g.node("ConstantOfShape", ["s64"], ["zeros"])
        assertType(g.infer(), "zeros", .float, ["unk__0", "unk__1"])
        assertType(g.infer(dataPropagation: true), "zeros", .float, [2, 7])
    }

    func testCastAndCastLike() {
        var g = TestGraph(opset: 15)
        g.input("x", .float, ["N", 2])
        g.input("like", .float16, [1])
        g.node("Cast", ["x"], ["i"], [.int("to", Int64(DataType.int32.rawValue))])
        g.node("CastLike", ["x", "like"], ["h"])
        g.node("Cast", ["x"], ["bad"], [.int("to", 999)])
        let r = g.infer()
        assertType(r, "i", .int32, ["N", 2])
        assertType(r, "h", .float16, ["N", 2])
        assertUntyped(r, "bad")
    }

    /// Arithmetic on shape data (Add/Sub/Mul) resolves an Expand target.
    func testShapeArithmeticWithDataPropagation() {
        var g = TestGraph(opset: 17)
        g.input("x", .float, [3, 4])
        g.initializer("two", int64: [2])
        g.node("Shape", ["x"], ["s"])
        g.node("Mul", ["s", "two"], ["doubled"])
        g.node("Expand", ["x", "s"], ["same"])
        g.node("ConstantOfShape", ["doubled"], ["big"])
        let r = g.infer(dataPropagation: true)
        assertType(r, "same", .float, [3, 4])
        assertType(r, "big", .float, [6, 8])
    }
}
