import Foundation
import ONNXModel
@testable import ONNXSimplify

/// Where the test data lives: `Fixtures/` beside this file, and `../shared` beside the
/// package (nil when absent: tests that need it skip).
enum TestPaths {
    static var fixtures: String { (URL(fileURLWithPath: #filePath).deletingLastPathComponent().path) + "/Fixtures" }

    static var shared: String? {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<8 {
            dir = dir.deletingLastPathComponent()
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                let shared = dir.appendingPathComponent("../shared").standardizedFileURL.path
                return FileManager.default.fileExists(atPath: shared + "/spec") ? shared : nil
            }
        }
        return nil
    }

    static func fixture(_ name: String) throws -> Model { try ModelLoader.load(path: fixtures + "/" + name) }
}

/// A name-free description of a graph: per node its operator, attributes, and inputs as
/// `P[dims]` (initializer), `IN` (graph input) or `#node.output`. Two graphs with equal
/// signatures get the same chain_slim encoding whatever their value names.
enum GraphSignature {
    static func of(_ graph: Graph) -> [String] {
        let inits = Dictionary(graph.initializers.map { ($0.name, $0.dims) }, uniquingKeysWith: { a, _ in a })
        let inputs = Set(graph.inputs.map(\.name))
        var producer: [String: String] = [:]
        var lines: [String] = []
        for (i, n) in graph.nodes.enumerated() {
            let ins = n.inputs.map { x -> String in
                if let d = inits[x] { return "P\(d)" }
                if inputs.contains(x) { return "IN" }
                return producer[x] ?? (x.isEmpty ? "-" : "?")
            }
            let attrs = n.attributes.map { a -> String in
                var v = ""
                if let i = a.i { v = String(i) } else if let f = a.f { v = String(f) } else if let s = a.stringValue { v = s }
                else if !a.ints.isEmpty { v = "\(a.ints)" } else if !a.floats.isEmpty { v = "\(a.floats)" }
                else if let t = a.t { v = "T\(t.dims)" }
                return a.name + "=" + v
            }
            lines.append("\(n.opType)(\(ins.joined(separator: ","))){\(attrs.joined(separator: ","))}->\(n.outputs.count)")
            for (j, o) in n.outputs.enumerated() { producer[o] = "#\(i).\(j)" }
        }
        lines.append("OUT " + graph.outputs.map { producer[$0.name] ?? $0.name }.joined(separator: ","))
        return lines
    }
}

/// Small graphs for unit tests.
struct GraphBuilder {
    var graph = Graph()
    var opset: Int64 = 17

    init(opset: Int64 = 17) { self.opset = opset }

    mutating func input(_ name: String, _ dims: [Int64]?, _ type: DataType = .float) {
        graph.inputs.append(ValueInfo(name: name, type: TypeProto.tensor(type, dims)))
    }

    mutating func output(_ name: String, _ dims: [Int64]? = nil, _ type: DataType = .float) {
        graph.outputs.append(ValueInfo(name: name, type: TypeProto.tensor(type, dims)))
    }

    mutating func floats(_ name: String, _ dims: [Int64], _ values: [Float]) {
        graph.initializers.append(Tensor.float32(name: name, dims: dims, values: values))
    }

    mutating func ints(_ name: String, _ dims: [Int64], _ values: [Int64]) {
        graph.initializers.append(Tensor.int64(name: name, dims: dims, values: values))
    }

    mutating func node(_ op: String, _ inputs: [String], _ outputs: [String], _ attrs: [Attribute] = []) {
        graph.nodes.append(Node(opType: op, inputs: inputs, outputs: outputs, name: outputs.first ?? op, attributes: attrs))
    }

    mutating func constant(_ name: String, _ t: Tensor) {
        node("Constant", [], [name], [.tensor("value", t)])
    }

    var model: Model { Model(graph: graph, opset: opset, irVersion: opset >= 15 ? 8 : 7) }
}

extension Model {
    var opTypes: [String] { graph.nodes.map(\.opType) }
    func initializer(_ name: String) -> Tensor? { graph.initializers.first { $0.name == name } }
}

/// Runs the simplifier with default options and returns the model.
func simplified(_ m: Model, _ configure: (inout SimplifyOptions) -> Void = { _ in }) throws -> Model {
    var o = SimplifyOptions()
    configure(&o)
    return try Simplifier.simplify(m, options: o)
}
