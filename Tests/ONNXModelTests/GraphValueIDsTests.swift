import XCTest
import ONNXProto
@testable import ONNXModel

final class GraphValueIDsTests: XCTestCase {
    func testEveryNameOfTheGraphHasOneID() {
        var g = Graph()
        g.inputs = [ValueInfo(name: "x", type: .tensor(.float, [1, 4]))]
        g.initializers = [Tensor(name: "w", dataType: .float, dims: [4], rawData: [])]
        g.nodes = [
            Node(opType: "Mul", inputs: ["x", "w"], outputs: ["a"]),
            Node(opType: "Split", inputs: ["a", ""], outputs: ["b", "c"]),
            Node(opType: "Add", inputs: ["b", "c"], outputs: ["y"]),
        ]
        g.outputs = [ValueInfo(name: "y", type: nil)]
        g.valueInfo = [ValueInfo(name: "extra", type: nil)]
        let ids = GraphValueIDs(g)
        for (n, node) in g.nodes.enumerated() {
            XCTAssertEqual(ids.inputs(ofNode: n).map { ids.names[ids.id(at: $0)] }, node.inputs)
            XCTAssertEqual(ids.outputs(ofNode: n).map { ids.names[ids.id(at: $0)] }, node.outputs)
        }
        for name in ["x", "w", "a", "", "b", "c", "y", "extra"] {
            let id = ids.id(of: name)
            XCTAssertNotNil(id, name)
            if let id { XCTAssertEqual(ids.names[id], name) }
        }
        XCTAssertEqual(ids.count, 8)
        // Extending a table keeps its ids.
        var table = StringTable()
        let first = table.intern("c")
        let extended = GraphValueIDs(g, extending: table)
        XCTAssertEqual(extended.id(of: "c"), first)
        XCTAssertEqual(extended.count, 8)
    }
}
