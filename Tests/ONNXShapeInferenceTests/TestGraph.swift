import XCTest
import ONNXModel
@testable import ONNXShapeInference

/// A small graph under construction for rule tests.
struct TestGraph {
    var graph = Graph()
    var opset: Int64

    init(opset: Int64 = 17) { self.opset = opset }

    /// A graph input; dims are numbers, names (symbolic) or nil (unknown).
    mutating func input(_ name: String, _ type: DataType = .float, _ dims: [DimSpec]?) {
        graph.inputs.append(ValueInfo(name: name, type: TypeProto(.tensor(elementType: type, shape: dims.map(TestGraph.shape)))))
    }

    mutating func initializer(_ name: String, int64 values: [Int64], dims: [Int64]? = nil) {
        graph.initializers.append(.int64(name: name, dims: dims ?? [Int64(values.count)], values: values))
    }

    mutating func initializer(_ name: String, float values: [Float], dims: [Int64]? = nil) {
        graph.initializers.append(.float32(name: name, dims: dims ?? [Int64(values.count)], values: values))
    }

    mutating func node(_ op: String, _ inputs: [String], _ outputs: [String], _ attributes: [Attribute] = [], domain: String = "") {
        graph.nodes.append(Node(opType: op, inputs: inputs, outputs: outputs, attributes: attributes, domain: domain))
    }

    mutating func output(_ name: String) { graph.outputs.append(ValueInfo(name: name, type: nil)) }

    func infer(dataPropagation: Bool = false) -> ShapeInferenceResult {
        ShapeInference.infer(graph: graph, opset: opset, options: .init(dataPropagation: dataPropagation))
    }

    static func shape(_ dims: [DimSpec]) -> TensorShape { TensorShape(dims.map(\.dimension)) }
}

/// A dim written in tests: `3`, `"N"` or `nil`.
enum DimSpec: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByNilLiteral {
    case value(Int64), param(String), unknown
    init(integerLiteral v: Int64) { self = .value(v) }
    init(stringLiteral s: String) { self = .param(s) }
    init(nilLiteral: ()) { self = .unknown }
    var dimension: ONNXModel.Dimension {
        switch self {
        case .value(let v): return .fixed(v)
        case .param(let p): return ONNXModel.Dimension(.param(p))
        case .unknown: return ONNXModel.Dimension(.unknown)
        }
    }
}

extension XCTestCase {
    /// Asserts the inferred element type and dims (nil = unknown rank) of `name`.
    func assertType(_ result: ShapeInferenceResult, _ name: String, _ type: DataType, _ dims: [DimSpec]?,
                    file: StaticString = #filePath, line: UInt = #line) {
        guard let t = result.types[name] else {
            XCTFail("\(name) has no type; warnings: \(result.warnings)", file: file, line: line)
            return
        }
        XCTAssertEqual(t.elementType, type, "element type of \(name)", file: file, line: line)
        XCTAssertEqual(t.shape, dims.map(TestGraph.shape), "shape of \(name)", file: file, line: line)
    }

    func assertUntyped(_ result: ShapeInferenceResult, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNil(result.types[name], "\(name) should stay unknown", file: file, line: line)
    }
}
