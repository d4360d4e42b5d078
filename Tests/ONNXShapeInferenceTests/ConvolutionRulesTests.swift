import XCTest
import ONNXModel
@testable import ONNXShapeInference

final class ConvolutionRulesTests: XCTestCase {
    func testConvWithPadsStridesDilationsKeepsSymbolicBatch() {
        var g = TestGraph()
        g.input("x", .float, ["N", 3, 32, 32])
        g.input("w", .float, [16, 3, 3, 3])
        g.node("Conv", ["x", "w"], ["a"], [.ints("pads", [1, 1, 1, 1])])
        g.node("Conv", ["x", "w"], ["b"], [.ints("strides", [2, 2]), .ints("pads", [1, 1, 1, 1])])
        g.node("Conv", ["x", "w"], ["c"], [.ints("dilations", [2, 2])])
        g.node("Conv", ["x", "w"], ["d"], [.ints("kernel_shape", [3, 3]), .ints("strides", [2, 3])])
        let r = g.infer()
        assertType(r, "a", .float, ["N", 16, 32, 32])
        assertType(r, "b", .float, ["N", 16, 16, 16])
        assertType(r, "c", .float, ["N", 16, 28, 28])
        assertType(r, "d", .float, ["N", 16, 15, 10])
    }

    func testAutoPad() {
        var g = TestGraph()
        g.input("x", .float, [1, 1, 7, 7])
        g.input("w", .float, [2, 1, 3, 3])
        g.node("Conv", ["x", "w"], ["upper"], [.string("auto_pad", "SAME_UPPER"), .ints("strides", [2, 2])])
        g.node("Conv", ["x", "w"], ["lower"], [.string("auto_pad", "SAME_LOWER")])
        g.node("Conv", ["x", "w"], ["valid"], [.string("auto_pad", "VALID")])
        let r = g.infer()
        assertType(r, "upper", .float, [1, 2, 4, 4])
        assertType(r, "lower", .float, [1, 2, 7, 7])
        assertType(r, "valid", .float, [1, 2, 5, 5])
    }

    func testUnknownSpatialDimStaysUnknownAndGetsASymbol() {
        var g = TestGraph()
        g.input("x", .float, [1, 3, nil, 10])
        g.input("w", .float, [4, 3, 3, 3])
        g.node("Conv", ["x", "w"], ["y"])
        assertType(g.infer(), "y", .float, [1, 4, "unk__0", 8])
    }

    func testConvWithoutWeightShapeGivesOnlyTheType() {
        var g = TestGraph()
        g.input("x", .float, [1, 3, 8, 8])
        g.input("w", .float, nil)
        g.node("Conv", ["x", "w"], ["y"])
        assertType(g.infer(), "y", .float, nil)
    }

    func testConvWrongRankFailsCleanly() {
        var g = TestGraph()
        g.input("x", .float, [8])
        g.input("w", .float, [4, 3, 3, 3])
        g.node("Conv", ["x", "w"], ["y"])
        g.node("Relu", ["y"], ["z"])
        let r = g.infer()
        assertUntyped(r, "y")
        assertUntyped(r, "z")
        XCTAssertTrue(r.warnings.contains { $0.contains("Conv") })
    }

    func testConvTranspose() {
        var g = TestGraph()
        g.input("x", .float, [1, 8, 5, 5])
        g.input("w", .float, [8, 2, 3, 3])
        g.node("ConvTranspose", ["x", "w"], ["a"], [.ints("strides", [2, 2]), .ints("pads", [1, 1, 1, 1]), .ints("output_padding", [1, 1])])
        g.node("ConvTranspose", ["x", "w"], ["b"], [.int("group", 2)])
        g.node("ConvTranspose", ["x", "w"], ["c"], [.ints("output_shape", [12, 11])])
        let r = g.infer()
        assertType(r, "a", .float, [1, 2, 10, 10])
        assertType(r, "b", .float, [1, 4, 7, 7])
        assertType(r, "c", .float, [1, 2, 12, 11])
    }

    func testIntegerAndQuantizedConvolutions() {
        var g = TestGraph(opset: 10)
        g.input("x", .uint8, [1, 1, 5, 5])
        g.input("w", .uint8, [1, 1, 3, 3])
        g.input("s", .float, [])
        g.input("z", .uint8, [])
        g.node("ConvInteger", ["x", "w"], ["i"])
        g.node("QLinearConv", ["x", "s", "z", "w", "s", "z", "s", "z"], ["q"])
        let r = g.infer()
        assertType(r, "i", .int32, [1, 1, 3, 3])
        assertType(r, "q", .uint8, [1, 1, 3, 3])
    }
}
