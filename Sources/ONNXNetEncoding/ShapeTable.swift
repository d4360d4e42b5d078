import ONNXModel
import ONNXProto
import ONNXShapeInference

/// The shapes the reference encoder can see: those of intermediate values (value_info after
/// shape inference) and of graph outputs, never those of graph inputs.
public struct ShapeTable: Sendable {
    /// Values with an entry. The encoder interns the rest of the graph's names into (a copy
    /// of) this table, so that its ids index `shapes` directly.
    private(set) var names = StringTable()
    /// Per id: what is known of the value, and its shape when `.shape`. Formatted only when
    /// the walk prints it: it prints about half of them. Not an array of `TensorShape??`: an
    /// array of optionals is destroyed through Optional's generic value witnesses, a call or
    /// two per element, and this table has an element per value of the graph.
    private var entries: [Entry] = []
    private var shapes: [TensorShape] = []
    private enum Entry: UInt8 {
        case none
        /// A known type of unknown rank: printed as "".
        case unknownRank
        case shape
    }
    /// When built by inference: the view it was inferred from (the walk reuses its ids), and
    /// for a decoded graph that graph's arrays (kept so that `view(of:)` can tell the same
    /// graph by identity).
    private(set) var view: GraphView?
    private var source: (nodes: [Node], inputs: [ValueInfo], initializers: [Tensor], outputs: [ValueInfo])?

    public init() {}

    /// From a model whose value_info was already filled by shape inference.
    public init(valueInfoOf graph: Graph) {
        for v in graph.valueInfo { record(v) }
        for v in graph.outputs { record(v) }
    }

    /// Runs our shape inference and keeps what ONNX's `infer_shapes` would have stored.
    public init(inferring model: Model) {
        self.init(inferring: GraphView(model.graph), opsets: model.opsetImports, irVersion: model.irVersion)
        let graph = model.graph
        source = (graph.nodes, graph.inputs, graph.initializers, graph.outputs)
    }

    /// The same for a model read as a view (`ModelView`: the fast path from a file).
    public init(inferring model: ModelView) {
        self.init(inferring: model.graph, opsets: model.opsetImports, irVersion: model.irVersion)
    }

    init(inferring view: GraphView, opsets: [OperatorSetId], irVersion: Int64) {
        // One set of ids for inference, this table and the walk.
        let ids = view.ids
        // The table reads types only: nodes whose outputs are declared in full need no rule.
        let types = ShapeInference.inferTypes(view, opsets: opsets, irVersion: irVersion,
                                              options: .init(trustCompleteDeclarations: true))
        names = ids.names
        entries = Array(repeating: .none, count: ids.count)
        shapes = Array(repeating: TensorShape([]), count: ids.count)
        var isInput = Array(repeating: false, count: ids.count)
        for id in ids.graphInputs { isInput[id] = true }
        for n in 0..<view.nodeCount {
            for position in ids.outputs(ofNode: n) {
                let id = ids.id(at: position)
                if !ids.isUnnamed(id), !isInput[id], let t = types[id] { set(id, t.shape) }
            }
        }
        // A declared output type with a shape wins, as infer_shapes keeps declared shapes.
        for (i, type) in view.outputTypes.enumerated() {
            let id = ids.graphOutputs[i]
            if case let .tensor(_, shape)? = type?.value, shape != nil {
                set(id, shape)
            } else if let t = types[id] {
                set(id, t.shape)
            }
        }
        self.view = view
    }

    /// The view the walks read `graph` through: the one this table was inferred from when
    /// `graph` is the graph it was built from, else a new one whose ids extend this table's.
    func view(of graph: Graph) -> GraphView {
        inferredView(of: graph) ?? GraphView(graph, ids: GraphValueIDs(graph, extending: names))
    }

    /// Whether `graph` is the one this table was inferred from is told by identity (the same
    /// array buffers: the table keeps them alive, so no other graph can have them, and a
    /// shared buffer is never changed in place).
    private func inferredView(of graph: Graph) -> GraphView? {
        guard let view, let source else { return nil }
        func same<T>(_ a: [T], _ b: [T]) -> Bool {
            a.count == b.count && a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { x.baseAddress == $0.baseAddress } }
        }
        guard same(source.nodes, graph.nodes), same(source.inputs, graph.inputs),
              same(source.initializers, graph.initializers), same(source.outputs, graph.outputs) else { return nil }
        return view
    }

    mutating func record(_ v: ValueInfo) {
        guard let type = v.type else { return }
        switch type.value {
        case let .tensor(_, shape), let .sparseTensor(_, shape): set(names.intern(v.name), shape)
        default: set(names.intern(v.name), nil)
        }
    }

    /// Stores the `shape` of the value `id` (replacing an earlier entry).
    private mutating func set(_ id: Int, _ shape: TensorShape?) {
        while entries.count <= id {
            entries.append(.none)
            shapes.append(TensorShape([]))
        }
        if let shape {
            shapes[id] = shape
            entries[id] = .shape
        } else {
            entries[id] = .unknownRank
        }
    }

    /// `dims` joined by `x`, symbolic or unknown dims as `0` (protobuf's default dim_value).
    static func append(_ shape: TensorShape?, to out: inout TextBuffer) {
        guard let shape else { return }
        shape.dims.withUnsafeBufferPointer { dims in
            for i in 0..<dims.count {
                if i > 0 { out.append(0x78) }  // "x"
                out.appendDecimal(dims[i].fixedValue ?? 0)
            }
        }
    }

    public func shape(_ name: String) -> String? { names.id(of: name).flatMap { shape(id: $0) } }

    /// The printed shape of `id` (of `names` or of an extension of it), nil when none is known.
    func shape(id: Int) -> String? {
        var out = TextBuffer()
        return appendShape(id: id, to: &out) ? out.string : nil
    }

    /// Appends the printed shape of `id` (of `names` or of an extension of it); false (nothing
    /// appended) when none is known.
    @inline(__always)
    func appendShape(id: Int, to out: inout TextBuffer) -> Bool {
        guard id < entries.count else { return false }
        switch entries[id] {
        case .none: return false
        case .unknownRank: return true
        case .shape: Self.append(shapes[id], to: &out)
        }
        return true
    }
}
