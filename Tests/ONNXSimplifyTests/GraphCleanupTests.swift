import XCTest
import ONNXModel
@testable import ONNXSimplify

/// Dead code, duplicate initializers, identical branches and node order.
final class GraphCleanupTests: XCTestCase {
    func testDeadNodesAndUnusedInitializersGo() throws {
        var b = GraphBuilder()
        b.input("x", [1, 2])
        b.floats("unused", [2], [1, 2])
        b.floats("w", [2], [3, 4])
        b.node("Mul", ["x", "w"], ["dead"])
        b.node("Relu", ["x"], ["y"])
        b.output("y")
        b.graph.valueInfo.append(ValueInfo(name: "dead", type: TypeProto.tensor(.float, [1, 2])))
        let s = try simplified(b.model)
        XCTAssertEqual(s.opTypes, ["Relu"])
        XCTAssertTrue(s.graph.initializers.isEmpty)
        XCTAssertTrue(s.graph.valueInfo.isEmpty)
    }

    func testEqualInitializersAreMergedKeepingTheFirstName() throws {
        var b = GraphBuilder()
        b.input("x", [1, 2])
        b.floats("a", [2], [1, 2])
        b.floats("b", [2], [1, 2])
        b.floats("c", [2], [1, 3])
        b.node("Mul", ["x", "a"], ["m1"])
        b.node("Add", ["m1", "b"], ["m2"])
        b.node("Sub", ["m2", "c"], ["y"])
        b.output("y")
        let s = try simplified(b.model)
        XCTAssertEqual(s.graph.nodes.map { $0.inputs[1] }, ["a", "a", "c"])
        XCTAssertEqual(s.graph.initializers.map(\.name), ["a", "c"])
    }

    func testTensorsWithoutDataAreNotMerged() throws {
        // Shape-only copies of models (weights stripped) must not have their weights merged.
        var b = GraphBuilder()
        b.input("x", [1, 2])
        for n in ["a", "b"] {
            var t = Tensor()
            t.name = n
            t.dataType = .float
            t.dims = [2]
            b.graph.initializers.append(t)
        }
        b.node("Mul", ["x", "a"], ["m"])
        b.node("Mul", ["m", "b"], ["y"])
        b.output("y")
        XCTAssertEqual(try simplified(b.model).graph.initializers.count, 2)
    }

    func testIdenticalBranchesAreMerged() throws {
        var b = GraphBuilder()
        b.input("x", [1, 1, 4, 4])
        let pool: [Attribute] = [.ints("kernel_shape", [3, 3]), .ints("pads", [1, 1, 1, 1])]
        b.node("AveragePool", ["x"], ["p1"], pool)
        b.node("AveragePool", ["x"], ["p2"], pool)
        b.node("Add", ["p1", "p2"], ["y"])
        b.output("y")
        let s = try simplified(b.model)
        XCTAssertEqual(s.opTypes, ["AveragePool", "Add"])
        XCTAssertEqual(s.graph.nodes[1].inputs, ["p1", "p1"])
    }

    func testRandomNodesAreNeverMerged() throws {
        var b = GraphBuilder()
        b.node("RandomNormal", [], ["r1"], [.ints("shape", [2])])
        b.node("RandomNormal", [], ["r2"], [.ints("shape", [2])])
        b.node("Add", ["r1", "r2"], ["y"])
        b.output("y")
        XCTAssertEqual(try simplified(b.model).opTypes, ["RandomNormal", "RandomNormal", "Add"])
    }

    func testUnorderedGraphIsSortedStablyAndDeterministically() throws {
        var b = GraphBuilder()
        b.input("x", [1, 2])
        b.node("Sigmoid", ["b"], ["y"])
        b.node("Relu", ["x"], ["a"])
        b.node("Tanh", ["a"], ["b"])
        b.node("Abs", ["x"], ["z"])
        b.output("y")
        b.output("z")
        let s = try simplified(b.model)
        XCTAssertEqual(s.opTypes, ["Relu", "Tanh", "Sigmoid", "Abs"])
        // An ordered graph keeps its order exactly.
        XCTAssertEqual(TopologicalOrder.order(s.graph), Array(0..<4))
    }

    func testCyclesDoNotHang() throws {
        var b = GraphBuilder()
        b.input("x", [1, 2])
        b.node("Add", ["x", "b"], ["a"])
        b.node("Relu", ["a"], ["b"])
        b.output("b")
        let s = try simplified(b.model)
        XCTAssertEqual(Set(s.opTypes), ["Add", "Relu"])
    }

    func testOldStyleParameterInputsBecomeConstants() throws {
        // IR 3: weights are listed as graph inputs with initializers.
        var b = GraphBuilder(opset: 9)
        b.input("x", [1, 2])
        b.input("w", [2])
        b.floats("w", [2], [1, 2])
        b.node("Identity", ["w"], ["w1"])
        b.node("Mul", ["x", "w1"], ["y"])
        b.output("y")
        var m = b.model
        m.irVersion = 3
        let s = try simplified(m)
        XCTAssertEqual(s.graph.inputs.map(\.name), ["x"])
        XCTAssertGreaterThanOrEqual(s.irVersion, 4)
        XCTAssertEqual(s.opTypes, ["Mul"])
        var keep = SimplifyOptions()
        keep.initializersAreConstant = false
        XCTAssertEqual(try Simplifier.simplify(m, options: keep).graph.inputs.map(\.name), ["x", "w"])
    }
}
