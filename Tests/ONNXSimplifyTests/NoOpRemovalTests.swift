import XCTest
import ONNXModel
@testable import ONNXSimplify

final class NoOpRemovalTests: XCTestCase {
    func testIdentityChainsAreBypassed() throws {
        var b = GraphBuilder()
        b.input("x", [1, 2])
        b.floats("w", [2], [1, 2])
        b.node("Identity", ["w"], ["w1"])
        b.node("Identity", ["w1"], ["w2"])
        b.node("Mul", ["x", "w2"], ["y"])
        b.output("y")
        let s = try simplified(b.model)
        XCTAssertEqual(s.opTypes, ["Mul"])
        XCTAssertEqual(s.graph.nodes[0].inputs, ["x", "w"])
    }

    func testIdentityFeedingAGraphOutputRenamesItsProducer() throws {
        var b = GraphBuilder()
        b.input("x", [1, 2])
        b.node("Relu", ["x"], ["r"])
        b.node("Identity", ["r"], ["y"])
        b.output("y")
        let s = try simplified(b.model)
        XCTAssertEqual(s.opTypes, ["Relu"])
        XCTAssertEqual(s.graph.nodes[0].outputs, ["y"])
        // A graph input passed straight to an output has no producer to rename: kept.
        var c = GraphBuilder()
        c.input("x", [1, 2])
        c.node("Identity", ["x"], ["y"])
        c.output("y")
        XCTAssertEqual(try simplified(c.model).opTypes, ["Identity"])
    }

    func testDropoutIsRemovedInInferenceUnlessItsMaskIsUsed() throws {
        var b = GraphBuilder()
        b.input("x", [1, 2])
        b.node("Dropout", ["x"], ["d", "mask"])
        b.node("Relu", ["d"], ["y"])
        b.output("y")
        XCTAssertEqual(try simplified(b.model).opTypes, ["Relu"])

        var c = GraphBuilder()
        c.input("x", [1, 2])
        c.node("Dropout", ["x"], ["d", "mask"])
        c.node("Relu", ["d"], ["y"])
        c.output("y")
        c.output("mask", [1, 2], .bool)
        XCTAssertEqual(try simplified(c.model).opTypes, ["Dropout", "Relu"])
    }

    func testAddOfZeroIsRemovedOnlyWhenBroadcastKeepsTheShape() throws {
        func model(zeros dims: [Int64], first: Bool) -> Model {
            var b = GraphBuilder()
            b.input("x", [1, 4, 2, 2])
            b.node("Relu", ["x"], ["r"])
            b.floats("z", dims, [Float](repeating: 0, count: Int(dims.reduce(1, *))))
            b.node("Add", first ? ["z", "r"] : ["r", "z"], ["y"])
            b.output("y")
            return b.model
        }
        XCTAssertEqual(try simplified(model(zeros: [1, 4, 2, 2], first: true)).opTypes, ["Relu"])
        XCTAssertEqual(try simplified(model(zeros: [4, 1, 1], first: false)).opTypes, ["Relu"])
        // Broadcasting against [2, 4, 2, 2] would double the batch: the Add must stay.
        XCTAssertEqual(try simplified(model(zeros: [2, 4, 2, 2], first: false)).opTypes, ["Relu", "Add"])
    }

    func testMultiplicationByZeroIsKept() throws {
        // NAS-Bench-201's `none` edge: onnx-simplifier keeps it, and x * 0 is not 0 for NaN/Inf.
        var b = GraphBuilder()
        b.input("x", [1, 2])
        b.floats("zero", [], [0])
        b.node("Mul", ["x", "zero"], ["y"])
        b.output("y")
        XCTAssertEqual(try simplified(b.model).opTypes, ["Mul"])
    }

    func testCastAndReshapeToWhatTheyAlreadyAre() throws {
        var b = GraphBuilder()
        b.input("x", [2, 3])
        b.ints("shape", [2], [0, -1])
        b.node("Cast", ["x"], ["c"], [.int("to", Int64(DataType.float.rawValue))])
        b.node("Reshape", ["c", "shape"], ["r"])
        b.node("Relu", ["r"], ["y"])
        b.output("y")
        XCTAssertEqual(try simplified(b.model).opTypes, ["Relu"])

        var c = GraphBuilder()
        c.input("x", [2, 3])
        c.node("Cast", ["x"], ["y"], [.int("to", Int64(DataType.double.rawValue))])
        c.output("y", nil, .double)
        XCTAssertEqual(try simplified(c.model).opTypes, ["Cast"])
    }
}
