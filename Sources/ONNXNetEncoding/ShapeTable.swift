import ONNXModel
import ONNXProto
import ONNXShapeInference

/// The shapes the reference encoder can see: those of intermediate values (value_info after
/// shape inference) and of graph outputs, never those of graph inputs.
public struct ShapeTable: Sendable {
    /// Values with an entry. The encoder extends a copy of this table with the rest of the
    /// graph's names, so that its ids index `ranges` directly.
    private(set) var names = StringTable()
    /// Per id: where its printed shape (`1x16x32x32`; empty for a known type of unknown
    /// rank) lies in `text`; `start < 0` when no shape is known.
    private var starts: [Int32] = []
    private var ends: [Int32] = []
    private var text: [UInt8] = []

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
        // About one value per node.
        reserve(graph.nodes.count + graph.outputs.count)
        for node in graph.nodes {
            for o in node.outputs where !o.isEmpty && !inputNames.contains(o) {
                if let t = result.types[o] { set(o, t.shape) }
            }
        }
        // A declared output type with a shape wins, as infer_shapes keeps declared shapes.
        for v in graph.outputs {
            if case let .tensor(_, shape)? = v.type?.value, shape != nil {
                record(v)
            } else if let t = result.types[v.name] {
                set(v.name, t.shape)
            }
        }
    }

    private mutating func reserve(_ n: Int) {
        names = StringTable(expectedCount: n)
        starts.reserveCapacity(n)
        ends.reserveCapacity(n)
        text.reserveCapacity(n * 12)
    }

    mutating func record(_ v: ValueInfo) {
        guard let type = v.type else { return }
        switch type.value {
        case let .tensor(_, shape), let .sparseTensor(_, shape): set(v.name, shape)
        default: set(v.name, nil)
        }
    }

    /// Stores the printed `shape` of `name` (replacing an earlier entry).
    private mutating func set(_ name: String, _ shape: TensorShape?) {
        let id = names.intern(name)
        while starts.count <= id { starts.append(-1); ends.append(-1) }
        let start = text.count
        Self.append(shape, to: &text)
        starts[id] = Int32(truncatingIfNeeded: start)
        ends[id] = Int32(truncatingIfNeeded: text.count)
    }

    /// `dims` joined by `x`, symbolic or unknown dims as `0` (protobuf's default dim_value).
    static func format(_ shape: TensorShape?) -> String {
        var out: [UInt8] = []
        append(shape, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func append(_ shape: TensorShape?, to out: inout [UInt8]) {
        guard let shape else { return }
        shape.dims.withUnsafeBufferPointer { dims in
            for i in 0..<dims.count {
                if i > 0 { out.append(0x78) }  // "x"
                out.appendDecimal(dims[i].fixedValue ?? 0)
            }
        }
    }

    public func shape(_ name: String) -> String? {
        guard let id = names.id(of: name), starts[id] >= 0 else { return nil }
        return String(decoding: text[Int(starts[id])..<Int(ends[id])], as: UTF8.self)
    }

    /// Whether the value with id `id` (of `names` or of an extension of it) has a shape.
    @inline(__always)
    func hasShape(id: Int) -> Bool { id < starts.count && starts[id] >= 0 }

    /// Appends the printed shape of `id`; false (nothing appended) when none is known.
    @inline(__always)
    func appendShape(id: Int, to out: inout [UInt8]) -> Bool {
        guard hasShape(id: id) else { return false }
        text.withUnsafeBufferPointer { out.append(contentsOf: $0[Int(starts[id])..<Int(ends[id])]) }
        return true
    }
}
