import XCTest
import ONNXModel
@testable import ONNXShapeInference

final class ShapeManipulationRulesTests: XCTestCase {
    func testReshapeWithZeroAndMinusOne() {
        var g = TestGraph()
        g.input("x", .float, ["N", 16, 4, 4])
        g.initializer("s1", int64: [0, -1])
        g.initializer("s2", int64: [2, 8, 16])
        g.node("Reshape", ["x", "s1"], ["a"])
        g.node("Reshape", ["a", "s2"], ["b"])
        let r = g.infer()
        assertType(r, "a", .float, ["N", 256])
        assertType(r, "b", .float, [2, 8, 16])
    }

    func testReshapeWithFullyKnownInputResolvesMinusOne() {
        var g = TestGraph()
        g.input("x", .float, [1, 16, 4, 4])
        g.initializer("s", int64: [1, -1])
        g.node("Reshape", ["x", "s"], ["y"])
        assertType(g.infer(), "y", .float, [1, 256])
    }

    /// Opset 14+: an unknown target of known length still gives the rank.
    func testReshapeRankFromShapeInputLength() {
        var g = TestGraph(opset: 14)
        g.input("x", .float, [2, 3, 4])
        g.input("s", .int64, [2])
        g.node("Reshape", ["x", "s"], ["y"])
        assertType(g.infer(), "y", .float, ["unk__0", "unk__1"])
        g.opset = 13
        assertType(g.infer(), "y", .float, nil)
    }

    /// A target computed from Shape/Gather/Concat resolves only with data propagation, as in
    /// ONNX (`data_prop=True`).
    func testReshapeFromComputedShapeNeedsDataPropagation() {
        var g = TestGraph(opset: 17)
        g.input("x", .float, ["N", 8, 2, 2])
        g.initializer("zero", int64: [0], dims: [])
        g.initializer("minus", int64: [-1])
        g.node("Shape", ["x"], ["shape"])
        g.node("Gather", ["shape", "zero"], ["batch"], [.int("axis", 0)])
        g.node("Unsqueeze", ["batch", "axes"], ["batch1"])
        g.initializer("axes", int64: [0])
        g.node("Concat", ["batch1", "minus"], ["target"], [.int("axis", 0)])
        g.node("Reshape", ["x", "target"], ["y"])
        assertType(g.infer(), "y", .float, ["unk__0", "unk__1"])
        // A symbolic target dim keeps ONNX from resolving the -1.
        assertType(g.infer(dataPropagation: true), "y", .float, ["N", "unk__0"])
        g.graph.inputs[0].type = .tensor(.float, [2, 8, 2, 2])
        assertType(g.infer(dataPropagation: true), "y", .float, [2, 32])
    }

    func testFlattenTransposeAndDepthToSpace() {
        var g = TestGraph()
        g.input("x", .float, ["N", 8, 3, 5])
        g.node("Flatten", ["x"], ["f"])
        g.node("Flatten", ["x"], ["f0"], [.int("axis", 0)])
        g.node("Flatten", ["x"], ["fm"], [.int("axis", -1)])
        g.node("Transpose", ["x"], ["t"], [.ints("perm", [0, 2, 3, 1])])
        g.node("Transpose", ["x"], ["rev"])
        g.node("DepthToSpace", ["x"], ["d"], [.int("blocksize", 2)])
        let r = g.infer()
        assertType(r, "f", .float, ["N", 120])
        assertType(r, "f0", .float, [1, "unk__0"])
        assertType(r, "fm", .float, ["unk__1", 5])
        assertType(r, "t", .float, ["N", 3, 5, 8])
        assertType(r, "rev", .float, [5, 3, 8, "N"])
        assertType(r, "d", .float, ["N", 2, 6, 10])
    }

    func testSqueezeUnsqueezeAcrossOpsets() {
        var g11 = TestGraph(opset: 11)
        g11.input("x", .float, [1, 3, 1, 5])
        g11.node("Squeeze", ["x"], ["a"], [.ints("axes", [0, -2])])
        g11.node("Squeeze", ["x"], ["b"])
        g11.node("Unsqueeze", ["a"], ["c"], [.ints("axes", [0, 3])])
        let r11 = g11.infer()
        assertType(r11, "a", .float, [3, 5])
        assertType(r11, "b", .float, [3, 5])
        assertType(r11, "c", .float, [1, 3, 5, 1])

        var g13 = TestGraph(opset: 13)
        g13.input("x", .float, [1, 3, 1, 5])
        g13.initializer("ax", int64: [0, -2])
        g13.initializer("ux", int64: [0, 3])
        g13.node("Squeeze", ["x", "ax"], ["a"])
        g13.node("Unsqueeze", ["a", "ux"], ["c"])
        g13.input("dynamic", .int64, [1])
        g13.node("Unsqueeze", ["a", "dynamic"], ["unknown"])
        let r13 = g13.infer()
        assertType(r13, "a", .float, [3, 5])
        assertType(r13, "c", .float, [1, 3, 5, 1])
        assertType(r13, "unknown", .float, nil)
    }

    func testSqueezeOfNonUnitDimFails() {
        var g = TestGraph(opset: 11)
        g.input("x", .float, [2, 3])
        g.node("Squeeze", ["x"], ["y"], [.ints("axes", [0])])
        assertUntyped(g.infer(), "y")
    }

    func testConcatMergesOtherDims() {
        var g = TestGraph()
        g.input("a", .float, ["N", 3, 4])
        g.input("b", .float, [nil, 5, 4])
        g.input("c", .float, [2, nil, 4])
        g.node("Concat", ["a", "b"], ["ab"], [.int("axis", 1)])
        g.node("Concat", ["a", "c"], ["ac"], [.int("axis", -1)])
        let r = g.infer()
        assertType(r, "ab", .float, ["N", 8, 4])
        assertType(r, "ac", .float, [2, 3, 8])
    }

    func testSplitAcrossOpsets() {
        var g2 = TestGraph(opset: 11)
        g2.input("x", .float, [6, 4])
        g2.node("Split", ["x"], ["a", "b"], [.ints("split", [2, 4])])
        g2.node("Split", ["x"], ["c", "d", "e"])
        let r2 = g2.infer()
        assertType(r2, "a", .float, [2, 4])
        assertType(r2, "b", .float, [4, 4])
        assertType(r2, "e", .float, [2, 4])

        var g13 = TestGraph(opset: 13)
        g13.input("x", .float, [6, 4])
        g13.initializer("sizes", int64: [1, 3])
        g13.node("Split", ["x", "sizes"], ["a", "b"], [.int("axis", 1)])
        let r13 = g13.infer()
        assertType(r13, "a", .float, [6, 1])
        assertType(r13, "b", .float, [6, 3])

        var g18 = TestGraph(opset: 18)
        g18.input("x", .float, [7, 4])
        g18.node("Split", ["x"], ["a", "b", "c"], [.int("num_outputs", 3)])
        let r18 = g18.infer()
        assertType(r18, "a", .float, [3, 4])
        assertType(r18, "c", .float, [1, 4])
    }

    func testSliceWithConstantsAndWithoutThem() {
        var g = TestGraph(opset: 13)
        g.input("x", .float, [10, "N", 8])
        g.initializer("starts", int64: [1, 0])
        g.initializer("ends", int64: [-1, 100])
        g.initializer("axes", int64: [0, 2])
        g.initializer("steps", int64: [2, 3])
        g.node("Slice", ["x", "starts", "ends", "axes", "steps"], ["y"])
        g.input("dyn", .int64, [1])
        g.node("Slice", ["x", "dyn", "dyn"], ["z"])
        let r = g.infer()
        assertType(r, "y", .float, [4, "N", 3])
        assertType(r, "z", .float, ["unk__0", "unk__1", "unk__2"])

        var g1 = TestGraph(opset: 1)
        g1.input("x", .float, [10, 8])
        g1.node("Slice", ["x"], ["y"], [.ints("starts", [2]), .ints("ends", [-3]), .ints("axes", [1])])
        assertType(g1.infer(), "y", .float, [10, 3])
    }

    func testPadAcrossOpsets() {
        var g2 = TestGraph(opset: 2)
        g2.input("x", .float, ["N", 3, 4])
        g2.node("Pad", ["x"], ["y"], [.ints("pads", [0, 1, 2, 0, 1, 2])])
        assertType(g2.infer(), "y", .float, ["N", 5, 8])

        var g11 = TestGraph(opset: 11)
        g11.input("x", .float, ["N", 3, 4])
        g11.initializer("pads", int64: [0, 1, 2, 0, 1, 2])
        g11.node("Pad", ["x", "pads"], ["y"])
        g11.input("dyn", .int64, [6])
        g11.node("Pad", ["x", "dyn"], ["z"])
        let r11 = g11.infer()
        assertType(r11, "y", .float, ["N", 5, 8])
        assertType(r11, "z", .float, ["unk__0", "unk__1", "unk__2"])

        var g18 = TestGraph(opset: 18)
        g18.input("x", .float, ["N", 3, 4])
        g18.initializer("pads", int64: [1, 2])
        g18.initializer("axes", int64: [-1])
        g18.node("Pad", ["x", "pads", "", "axes"], ["y"])
        assertType(g18.infer(), "y", .float, ["unk__0", 3, 7])
    }

    func testExpandAndTile() {
        var g = TestGraph(opset: 13)
        g.input("x", .float, [3, 1])
        g.initializer("shape", int64: [2, 1, 4])
        g.initializer("repeats", int64: [2, 5])
        g.node("Expand", ["x", "shape"], ["e"])
        g.node("Tile", ["x", "repeats"], ["t"])
        let r = g.infer()
        assertType(r, "e", .float, [2, 3, 4])
        assertType(r, "t", .float, [6, 5])
    }
}
