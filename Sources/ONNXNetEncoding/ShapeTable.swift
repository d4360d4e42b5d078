import ONNXModel
import ONNXShapeInference

/// The shapes the reference encoder can see: those of intermediate values (value_info after
/// shape inference) and of graph outputs, never those of graph inputs.
public struct ShapeTable: Sendable {
    /// Printed shape per value name: `1x16x32x32`; `""` for a known type of unknown rank.
    private var text: [String: String] = [:]

    public init() {}

    /// From a model whose value_info was already filled by shape inference.
    public init(valueInfoOf graph: Graph) {
        for v in graph.valueInfo { record(v) }
        for v in graph.outputs { record(v) }
    }

    /// Runs our shape inference and keeps what ONNX's `infer_shapes` would have stored.
    public init(inferring model: Model) {
        let result = ShapeInference.infer(model)
        let graph = model.graph
        let inputNames = Set(graph.inputs.map(\.name))
        // About one value per node: growing the table step by step rehashes every name.
        text.reserveCapacity(graph.nodes.count + graph.outputs.count)
        for node in graph.nodes {
            for o in node.outputs where !o.isEmpty && !inputNames.contains(o) {
                if let t = result.types[o] { text[o] = Self.format(t.shape) }
            }
        }
        // A declared output type with a shape wins, as infer_shapes keeps declared shapes.
        for v in graph.outputs {
            if case let .tensor(_, shape)? = v.type?.value, shape != nil {
                record(v)
            } else if let t = result.types[v.name] {
                text[v.name] = Self.format(t.shape)
            }
        }
    }

    mutating func record(_ v: ValueInfo) {
        guard let type = v.type else { return }
        switch type.value {
        case let .tensor(_, shape), let .sparseTensor(_, shape): text[v.name] = Self.format(shape)
        default: text[v.name] = ""
        }
    }

    /// `dims` joined by `x`, symbolic or unknown dims as `0` (protobuf's default dim_value).
    static func format(_ shape: TensorShape?) -> String {
        guard let shape else { return "" }
        var out = ""
        for (i, d) in shape.dims.enumerated() {
            if i > 0 { out += "x" }
            out += String(d.fixedValue ?? 0)
        }
        return out
    }

    public func shape(_ name: String) -> String? { text[name] }
}
