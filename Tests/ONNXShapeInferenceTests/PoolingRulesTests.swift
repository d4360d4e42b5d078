import XCTest
import ONNXModel
@testable import ONNXShapeInference

final class PoolingRulesTests: XCTestCase {
    func testMaxPoolAndIndices() {
        var g = TestGraph(opset: 12)
        g.input("x", .float, ["N", 16, 32, 32])
        g.node("MaxPool", ["x"], ["y", "i"], [.ints("kernel_shape", [2, 2]), .ints("strides", [2, 2])])
        let r = g.infer()
        assertType(r, "y", .float, ["N", 16, 16, 16])
        assertType(r, "i", .int64, ["N", 16, 16, 16])
    }

    /// Until opset 21 ceil mode is plain ceil; opset 22 drops a last window that would start
    /// in the right padding (as PyTorch does).
    func testCeilModeAcrossOpsets() {
        var g = TestGraph(opset: 17)
        g.input("x", .float, [1, 1, 5, 5])
        g.node("MaxPool", ["x"], ["y"], [.ints("kernel_shape", [2, 2]), .ints("strides", [2, 2]), .ints("pads", [1, 1, 1, 1]), .int("ceil_mode", 1)])
        assertType(g.infer(), "y", .float, [1, 1, 4, 4])
        g.opset = 22
        assertType(g.infer(), "y", .float, [1, 1, 3, 3])
    }

    func testAveragePoolSameUpperAndGlobalPools() {
        var g = TestGraph()
        g.input("x", .float, [2, 8, 9, 9])
        g.node("AveragePool", ["x"], ["a"], [.ints("kernel_shape", [3, 3]), .ints("strides", [2, 2]), .string("auto_pad", "SAME_UPPER")])
        g.node("GlobalAveragePool", ["x"], ["g"])
        g.node("GlobalMaxPool", ["x"], ["m"])
        let r = g.infer()
        assertType(r, "a", .float, [2, 8, 5, 5])
        assertType(r, "g", .float, [2, 8, 1, 1])
        assertType(r, "m", .float, [2, 8, 1, 1])
    }

    func testPoolWithoutKernelShapeFails() {
        var g = TestGraph()
        g.input("x", .float, [1, 1, 4, 4])
        g.node("MaxPool", ["x"], ["y"])
        assertUntyped(g.infer(), "y")
    }
}
