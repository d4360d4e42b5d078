import XCTest
import ONNXModel
@testable import ONNXSimplify

final class ConstantFoldingTests: XCTestCase {
    func testConstantNodesBecomeInitializers() throws {
        var b = GraphBuilder()
        b.input("x", [1, 4])
        b.constant("c", Tensor.float32(name: "", dims: [], values: [0]))
        b.node("Mul", ["x", "c"], ["y"])
        b.output("y")
        let s = try simplified(b.model)
        XCTAssertEqual(s.opTypes, ["Mul"])
        let c = try XCTUnwrap(s.initializer("c"))
        XCTAssertEqual(c.dims, [])
        XCTAssertEqual(try c.floatValues(), [0])
    }

    func testUnsqueezeConcatChainFoldsIntoReshapeShape() throws {
        // The do_constant_folding=False export of `x.view(1, -1)` (opset 17).
        var b = GraphBuilder()
        b.input("x", [1, 8, 1, 1])
        b.constant("one", Tensor.int64(name: "", dims: [], values: [1]))
        b.constant("minus", Tensor.int64(name: "", dims: [], values: [-1]))
        b.constant("axes", Tensor.int64(name: "", dims: [1], values: [0]))
        b.node("Unsqueeze", ["one", "axes"], ["u1"])
        b.node("Unsqueeze", ["minus", "axes"], ["u2"])
        b.node("Concat", ["u1", "u2"], ["shape"], [.int("axis", 0)])
        b.node("Reshape", ["x", "shape"], ["y"], [.int("allowzero", 0)])
        b.output("y")
        let s = try simplified(b.model)
        XCTAssertEqual(s.opTypes, ["Reshape"])
        let shape = try XCTUnwrap(s.initializer(s.graph.nodes[0].inputs[1]))
        XCTAssertEqual(try shape.int64Values(), [1, -1])
    }

    func testShapeGatherChainFoldsWhenTheBatchIsFixed() throws {
        // `x.view(x.size(0), -1)` with a dynamic batch: nothing folds until the batch is fixed.
        var b = GraphBuilder()
        b.graph.inputs.append(ValueInfo(name: "x", type: TypeProto(.tensor(elementType: .float,
            shape: TensorShape([Dimension(.param("N")), .fixed(8), .fixed(2), .fixed(2)])))))
        b.ints("zero", [], [0])
        b.ints("axes", [1], [0])
        b.ints("m1", [1], [-1])
        b.node("Shape", ["x"], ["s"])
        b.node("Gather", ["s", "zero"], ["n"], [.int("axis", 0)])
        b.node("Unsqueeze", ["n", "axes"], ["n1"])
        b.node("Concat", ["n1", "m1"], ["shape"], [.int("axis", 0)])
        b.node("Reshape", ["x", "shape"], ["y"])
        b.output("y")
        XCTAssertEqual(try simplified(b.model).opTypes, ["Shape", "Gather", "Unsqueeze", "Concat", "Reshape"])
        let fixed = try simplified(b.model) { $0.inputShapes = ["x": [2, 8, 2, 2]] }
        XCTAssertEqual(fixed.opTypes, ["Reshape"])
        XCTAssertEqual(try fixed.initializer(fixed.graph.nodes[0].inputs[1])?.int64Values(), [2, -1])
    }

    func testGatherOfAKnownDimFoldsDespiteADynamicBatch() throws {
        var b = GraphBuilder()
        b.graph.inputs.append(ValueInfo(name: "x", type: TypeProto(.tensor(elementType: .float,
            shape: TensorShape([Dimension(.param("N")), .fixed(8), .fixed(2), .fixed(2)])))))
        b.ints("one", [], [1])
        b.node("Shape", ["x"], ["s"])
        b.node("Gather", ["s", "one"], ["c"], [.int("axis", 0)])
        b.node("Cast", ["c"], ["y"], [.int("to", Int64(DataType.float.rawValue))])
        b.node("Mul", ["x", "y"], ["z"])
        b.output("z")
        let s = try simplified(b.model)
        XCTAssertEqual(s.opTypes, ["Mul"])
        XCTAssertEqual(try s.initializer(s.graph.nodes[0].inputs[1])?.floatValues(), [8])
    }

    func testLargeExpansionsStayNodes() throws {
        // ConstantOfShape of 1x64x32x32 would turn 32 bytes into 256 KiB: keep the node.
        var b = GraphBuilder()
        b.input("x", [1, 64, 32, 32])
        b.ints("shape", [4], [1, 64, 32, 32])
        b.node("ConstantOfShape", ["shape"], ["z"])
        b.node("Add", ["x", "z"], ["y"])
        b.output("y")
        XCTAssertEqual(try simplified(b.model).opTypes, ["ConstantOfShape", "Add"])
    }

    func testEvaluatorArithmeticAndIndexing() {
        let ev = ConstantEvaluator(opset: 17, limit: 1 << 16)
        func ints(_ v: [Int64], _ d: [Int64]) -> ConstantValue { ConstantValue(ints: v, dims: d) }
        func run(_ op: String, _ ins: [ConstantValue?], _ attrs: [Attribute] = []) -> ConstantValue? {
            ev.evaluate(Node(opType: op, inputs: ins.indices.map { "i\($0)" }, outputs: ["o"], attributes: attrs),
                        inputs: ins, firstInputShape: nil)?.first
        }
        let data = ints([0, 1, 2, 3, 4, 5], [2, 3])
        XCTAssertEqual(run("Gather", [data, ints([-1, 0], [2])], [.int("axis", 1)]), ints([2, 0, 5, 3], [2, 2]))
        XCTAssertEqual(run("Slice", [data, ints([0, 2], [2]), ints([Int64.max, -4], [2]), ints([0, 1], [2]), ints([1, -1], [2])]),
                       ints([2, 1, 0, 5, 4, 3], [2, 3]))
        XCTAssertEqual(run("Transpose", [data]), ints([0, 3, 1, 4, 2, 5], [3, 2]))
        XCTAssertEqual(run("Div", [ints([7, -7], [2]), ints([2], [])]), ints([3, -3], [2]))
        XCTAssertNil(run("Div", [ints([1], [1]), ints([0], [1])]))
        XCTAssertEqual(run("Reshape", [data, ints([0, -1, 1], [3])]), ints([0, 1, 2, 3, 4, 5], [2, 3, 1]))
        XCTAssertEqual(run("Range", [ints([5], []), ints([0], []), ints([-2], [])]), ints([5, 3, 1], [3]))
        XCTAssertEqual(run("Where", [ConstantValue(ints: [1, 0], dims: [2], type: .bool), ints([1, 2], [2]), ints([9], [])]),
                       ints([1, 9], [2]))
        let f = ConstantValue(doubles: [1.5, -2.5], dims: [2], type: .float)
        XCTAssertEqual(run("Cast", [f], [.int("to", Int64(DataType.int32.rawValue))]),
                       ConstantValue(ints: [1, -2], dims: [2], type: .int32))
        XCTAssertEqual(run("Add", [f, f])?.doubles, [3, -5])
        // Out-of-range float -> int cast is undefined: not folded.
        XCTAssertNil(run("Cast", [ConstantValue(doubles: [1e20], dims: [1], type: .float)], [.int("to", Int64(DataType.int32.rawValue))]))
    }

    func testFoldedShapeVectorsAreStoredCompactly() {
        let t = ConstantValue(ints: [1, -1], dims: [2]).tensor(named: "s")
        XCTAssertEqual(try t.int64Values(), [1, -1])
        let small = ConstantValue(ints: [1, 64], dims: [2]).tensor(named: "s")
        XCTAssertEqual(small.int64Data, [1, 64])     // varints: 2 bytes rather than 16
        XCTAssertNil(small.rawData)
    }
}
