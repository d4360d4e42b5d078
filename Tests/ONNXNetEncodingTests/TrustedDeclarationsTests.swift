import XCTest
import ONNXModel
import ONNXNetSupport
import ONNXShapeInference
@testable import ONNXNetEncoding

/// The encoders infer with `trustCompleteDeclarations`: a node whose outputs are all declared
/// with complete types is not inferred. Every type must come out as full inference gives it,
/// in what the encodings print of it (element type, and each dim as a number or not one).
final class TrustedDeclarationsTests: XCTestCase {
    /// A type as the encoders read it: fresh symbols may be numbered differently.
    private func printed(_ t: InferredType?) -> String {
        guard let t else { return "none" }
        guard let shape = t.shape else { return "\(t.elementType.rawValue):?" }
        return "\(t.elementType.rawValue):" + shape.dims.map { $0.fixedValue.map(String.init) ?? "_" }.joined(separator: "x")
    }

    private func assertSameTypes(_ model: Model, file: StaticString = #filePath, line: UInt = #line) {
        let ids = GraphValueIDs(model.graph)
        let full = ShapeInference.inferTypes(model, ids: ids)
        let trusted = ShapeInference.inferTypes(model, ids: ids, options: .init(trustCompleteDeclarations: true))
        XCTAssertEqual(full.count, trusted.count, file: file, line: line)
        for id in full.indices where printed(full[id]) != printed(trusted[id]) {
            XCTFail("\(ids.names[id]): \(printed(full[id])) in full, \(printed(trusted[id])) trusted", file: file, line: line)
        }
    }

    /// Real models and mutants, each also annotated first (value_info filled by our own
    /// inference), which declares most values in full so that nodes are skipped.
    func testTrustedInferenceGivesTheTypesFullInferenceGives() throws {
        let corpus = try ViewEncodingTests.corpus()
        XCTAssertGreaterThanOrEqual(corpus.count, 20)
        var compared = 0
        for bytes in ViewEncodingTests.corpusAndMutants(corpus, count: 600, seed: 11) {
            guard let model = try? Model(decoding: bytes) else { continue }
            assertSameTypes(model)
            assertSameTypes(ShapeInference.annotate(model))
            compared += 1
        }
        XCTAssertGreaterThan(compared, corpus.count / 2)
    }

    /// A Constant whose declared type contradicts its value is not tracked (its rule fails), so
    /// a Reshape that reads it must not resolve from it in trusted inference either.
    func testContradictedConstantIsNotTracked() {
        var value = Tensor()
        value.dataType = .int64
        value.dims = [2]
        value.int64Data = [3, 4]
        var constant = Node(opType: "Constant", inputs: [], outputs: ["shape"])
        var attribute = Attribute()
        attribute.name = "value"
        attribute.type = .tensor
        attribute.t = value
        constant.attributes = [attribute]
        var graph = Graph()
        graph.inputs = [ValueInfo(name: "x", type: TypeProto(.tensor(elementType: .float, shape: TensorShape(fixed: [12]))))]
        graph.nodes = [constant, Node(opType: "Reshape", inputs: ["x", "shape"], outputs: ["y"])]
        graph.valueInfo = [ValueInfo(name: "shape", type: TypeProto(.tensor(elementType: .int64, shape: TensorShape(fixed: [5]))))]
        graph.outputs = [ValueInfo(name: "y", type: nil)]
        assertSameTypes(Model(graph: graph, opset: 17))
    }

    /// A declared output type that contradicts the rule stays, skipped or not; an incomplete
    /// one (a symbolic dim) is still inferred and merged.
    func testContradictedAndIncompleteDeclarations() {
        func tensor(_ dims: [ONNXModel.Dimension]) -> TypeProto { TypeProto(.tensor(elementType: .float, shape: TensorShape(dims))) }
        var graph = Graph()
        graph.inputs = [ValueInfo(name: "x", type: tensor([.fixed(3), .fixed(3)]))]
        graph.nodes = [
            Node(opType: "Relu", inputs: ["x"], outputs: ["y"]),
            Node(opType: "Relu", inputs: ["y"], outputs: ["z"]),
        ]
        graph.valueInfo = [
            ValueInfo(name: "y", type: tensor([.fixed(2), .fixed(2)])),
            ValueInfo(name: "z", type: tensor([.fixed(2), ONNXModel.Dimension(.param("n"))])),
        ]
        graph.outputs = [ValueInfo(name: "z", type: nil)]
        let model = Model(graph: graph, opset: 17)
        assertSameTypes(model)
        let ids = GraphValueIDs(graph)
        let trusted = ShapeInference.inferTypes(model, ids: ids, options: .init(trustCompleteDeclarations: true))
        XCTAssertEqual(printed(trusted[ids.id(of: "y")!]), "1:2x2")
        XCTAssertEqual(printed(trusted[ids.id(of: "z")!]), "1:2x2", "the symbolic dim takes the inferred value")
    }
}
