import XCTest
@testable import ONNXModel

/// The shared clean-ups (`GraphRewrites` and the `Graph` rewrites built on them) on small
/// hand-made graphs.
final class GraphRewritesTests: XCTestCase {
    private func node(_ op: String, _ inputs: [String], _ outputs: [String], attributes: [Attribute] = []) -> Node {
        Node(opType: op, inputs: inputs, outputs: outputs, name: outputs.first ?? "", attributes: attributes)
    }

    private func graph(_ nodes: [Node], outputs: [String], initializers: [Tensor] = []) -> Graph {
        var g = Graph()
        g.inputs = [ValueInfo(name: "x", type: .tensor(.float, [1, 4]))]
        g.nodes = nodes
        g.initializers = initializers
        g.outputs = outputs.map { ValueInfo(name: $0, type: nil) }
        return g
    }

    func testIdenticalNodesMergeKeepingTheFirstAndChainsResolve() {
        var g = graph([
            node("Relu", ["x"], ["a"]),
            node("Relu", ["x"], ["b"]),
            node("Neg", ["a"], ["c"]),
            node("Neg", ["b"], ["d"]),  // identical once `b` reads as `a`
            node("Add", ["c", "d"], ["y"]),
        ], outputs: ["y"])
        XCTAssertEqual(g.mergeIdenticalNodes(), 2)
        XCTAssertEqual(g.nodes.map(\.name), ["a", "c", "y"])
        XCTAssertEqual(g.nodes.last?.inputs, ["c", "c"])
    }

    func testAttributesAndGraphOutputsKeepNodesApart() {
        var g = graph([
            node("Softmax", ["x"], ["a"], attributes: [.int("axis", 0)]),
            node("Softmax", ["x"], ["b"], attributes: [.int("axis", 1)]),
            node("Relu", ["x"], ["c"]),
            node("Relu", ["x"], ["y"]),  // a graph output keeps its name
        ], outputs: ["a", "b", "c", "y"])
        XCTAssertEqual(g.mergeIdenticalNodes(), 0)
        XCTAssertEqual(g.nodes.count, 4)
    }

    func testSmallInt64ConstantsCompareByValueOnlyWhenAsked() {
        let nodes = [
            node("Reshape", ["x", "s1"], ["a"]),
            node("Reshape", ["x", "s2"], ["b"]),
            node("Add", ["a", "b"], ["y"]),
        ]
        let constants: [Tensor] = [.int64(name: "s1", dims: [2], values: [2, 2]), .int64(name: "s2", dims: [2], values: [2, 2])]
        var byName = graph(nodes, outputs: ["y"], initializers: constants)
        XCTAssertEqual(byName.mergeIdenticalNodes(), 0)
        var byValue = graph(nodes, outputs: ["y"], initializers: constants)
        XCTAssertEqual(byValue.mergeIdenticalNodes(constantsByValue: true), 1)
        XCTAssertEqual(byValue.nodes.last?.inputs, ["a", "a"])
        // The merged node's constant is now unread and goes with the dead code.
        byValue.eliminateDeadCode()
        XCTAssertEqual(byValue.initializers.map(\.name), ["s1"])
    }

    func testCallerCanKeepOperatorsOut() {
        var g = graph([
            node("RandomUniformLike", ["x"], ["a"]),
            node("RandomUniformLike", ["x"], ["b"]),
            node("Add", ["a", "b"], ["y"]),
        ], outputs: ["y"])
        XCTAssertEqual(g.mergeIdenticalNodes { $0.opType != "RandomUniformLike" }, 0)
    }

    func testDeadNodesUnusedInitializersAndStaleValueInfoGo() {
        var g = graph([
            node("Mul", ["x", "w"], ["dead"]),
            node("Relu", ["dead"], ["dead2"]),
            node("Relu", ["x"], ["y"]),
        ], outputs: ["y"], initializers: [.float32(name: "w", dims: [4], values: [1, 2, 3, 4])])
        g.valueInfo = [ValueInfo(name: "dead", type: .tensor(.float, [1, 4])), ValueInfo(name: "y", type: .tensor(.float, [1, 4]))]
        XCTAssertEqual(g.eliminateDeadCode(), 2 + 1 + 1)
        XCTAssertEqual(g.nodes.map(\.name), ["y"])
        XCTAssertTrue(g.initializers.isEmpty)
        XCTAssertEqual(g.valueInfo.map(\.name), ["y"])
    }

    func testLivenessFollowsUnsortedOperations() {
        // Operation 0 reads what operation 1 writes.
        let inputs = [[2], [0], [Int]()]
        let outputs = [[3], [2], [9]]
        let (live, values) = GraphRewrites.liveOperations(count: 3, roots: [3], inputs: { inputs[$0] }, outputs: { outputs[$0] })
        XCTAssertEqual(live, [true, true, false])
        XCTAssertEqual(values, [3, 2, 0])
    }

    func testTopologicalOrderKeepsFileOrderAndLeavesCyclesOut() {
        // 0 reads 2; 1 is free; 2 is free; 3 and 4 feed each other.
        let producers: [[Int]] = [[2], [], [], [4], [3]]
        XCTAssertEqual(GraphRewrites.topologicalOrder(count: 5) { producers[$0] }, [1, 2, 0])
        XCTAssertEqual(GraphRewrites.topologicalOrder(count: 3) { i in i == 0 ? [] : [i - 1, i - 1, i] }, [0, 1, 2])
    }
}
