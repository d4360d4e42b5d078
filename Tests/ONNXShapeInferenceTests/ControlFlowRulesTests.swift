import XCTest
import ONNXModel
@testable import ONNXShapeInference

final class ControlFlowRulesTests: XCTestCase {
    private func branch(_ op: String, _ input: String, _ output: String) -> Graph {
        var b = Graph()
        b.nodes = [Node(opType: op, inputs: [input], outputs: [output])]
        b.outputs = [ValueInfo(name: output, type: nil)]
        return b
    }

    /// Both branches are inferred with the outer values in scope; dims that differ become unknown.
    func testIfUnitesItsBranches() {
        var g = TestGraph(opset: 13)
        g.input("cond", .bool, [])
        g.input("x", .float, [2, 3])
        g.input("z", .float, [2, 5])
        var ifNode = Node(opType: "If", inputs: ["cond"], outputs: ["y"])
        var thenAttr = Attribute(); thenAttr.name = "then_branch"; thenAttr.type = .graph; thenAttr.g = branch("Relu", "x", "t")
        var elseAttr = Attribute(); elseAttr.name = "else_branch"; elseAttr.type = .graph; elseAttr.g = branch("Relu", "z", "e")
        ifNode.attributes = [thenAttr, elseAttr]
        g.graph.nodes.append(ifNode)
        assertType(g.infer(), "y", .float, [2, "unk__0"])
    }

    func testLoopScanOutputsGetAnIterationDim() {
        var g = TestGraph(opset: 13)
        g.input("m", .int64, [])
        g.input("cond", .bool, [])
        g.input("acc", .float, [4])
        var body = Graph()
        body.inputs = [ValueInfo(name: "i", type: nil), ValueInfo(name: "c", type: nil), ValueInfo(name: "a", type: nil)]
        body.nodes = [
            Node(opType: "Identity", inputs: ["c"], outputs: ["c_out"]),
            Node(opType: "Add", inputs: ["a", "acc"], outputs: ["a_out"]),
            Node(opType: "Identity", inputs: ["acc"], outputs: ["scan"]),
        ]
        body.outputs = ["c_out", "a_out", "scan"].map { ValueInfo(name: $0, type: nil) }
        var attr = Attribute(); attr.name = "body"; attr.type = .graph; attr.g = body
        g.graph.nodes.append(Node(opType: "Loop", inputs: ["m", "cond", "acc"], outputs: ["final", "stacked"], attributes: [attr]))
        let r = g.infer()
        assertType(r, "final", .float, nil)
        assertType(r, "stacked", .float, ["unk__0", 4])
    }

    func testMissingSubgraphDoesNotCrash() {
        var g = TestGraph(opset: 13)
        g.input("cond", .bool, [])
        g.node("If", ["cond"], ["y"])
        g.node("Relu", ["y"], ["z"])
        let r = g.infer()
        assertUntyped(r, "y")
        assertUntyped(r, "z")
    }
}
