import XCTest
import ONNXModel
@testable import ONNXShapeInference

final class ResizeRulesTests: XCTestCase {
    func testResizeWithScalesAndSizes() {
        var g = TestGraph(opset: 13)
        g.input("x", .float, ["N", 3, 10, 10])
        g.initializer("scales", float: [1, 1, 2, 1.5])
        g.initializer("sizes", int64: [1, 3, 7, 9])
        g.node("Resize", ["x", "", "scales"], ["a"])
        g.node("Resize", ["x", "", "", "sizes"], ["b"])
        let r = g.infer()
        assertType(r, "a", .float, ["unk__0", 3, 20, 15])
        assertType(r, "b", .float, [1, 3, 7, 9])
    }

    func testResizeNeedsExactlyOneOfScalesAndSizesFromOpset13() {
        var g = TestGraph(opset: 13)
        g.input("x", .float, [1, 3, 10, 10])
        g.node("Resize", ["x"], ["y"])
        assertUntyped(g.infer(), "y")
        g.opset = 11
        assertType(g.infer(), "y", .float, ["unk__0", "unk__1", "unk__2", "unk__3"])
    }

    func testResizeAxesAndAspectRatioPolicy() {
        var g = TestGraph(opset: 18)
        g.input("x", .float, [1, 3, 10, 20])
        g.initializer("sizes", int64: [5, 5])
        g.node("Resize", ["x", "", "", "sizes"], ["y"], [.ints("axes", [2, 3]), .string("keep_aspect_ratio_policy", "not_larger")])
        assertType(g.infer(), "y", .float, [1, 3, 3, 5])
    }

    func testResizeOpset10AndUpsample() {
        var g10 = TestGraph(opset: 10)
        g10.input("x", .float, [1, 2, 4, 4])
        g10.initializer("scales", float: [1, 1, 2, 2])
        g10.node("Resize", ["x", "scales"], ["r"])
        assertType(g10.infer(), "r", .float, [1, 2, 8, 8])

        var g7 = TestGraph(opset: 7)
        g7.input("x", .float, [1, 2, 4, 4])
        g7.node("Upsample", ["x"], ["u"], [.floats("scales", [1, 1, 3, 3])])
        assertType(g7.infer(), "u", .float, [1, 2, 12, 12])

        var g9 = TestGraph(opset: 9)
        g9.input("x", .float, [1, 2, 4, 4])
        g9.initializer("scales", float: [1, 1, 2, 2])
        g9.node("Upsample", ["x", "scales"], ["u"])
        assertType(g9.infer(), "u", .float, [1, 2, 8, 8])
    }
}
