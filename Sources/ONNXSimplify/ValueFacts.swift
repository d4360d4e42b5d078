import ONNXModel

/// What is known about each value before a pass runs: element type and shape (from the
/// graph's declarations, initializers and, when available, shape inference). Passes that
/// need a shape (folding `Shape`, proving that `x + 0` keeps `x`'s shape) ask here and leave
/// the node alone when the answer is unknown.
struct ValueFacts {
    struct Fact: Equatable {
        var elementType: DataType
        /// nil: unknown rank.
        var shape: TensorShape?
    }

    private(set) var facts: [String: Fact] = [:]

    init() {}

    /// Declarations only: graph inputs, value_info, outputs, initializers and Constant nodes.
    init(declaredIn graph: Graph) {
        for v in graph.inputs { record(v) }
        for v in graph.valueInfo { record(v) }
        for v in graph.outputs { record(v) }
        for t in graph.initializers {
            facts[t.name] = Fact(elementType: t.dataType, shape: TensorShape(fixed: t.dims))
        }
        for n in graph.nodes where n.opType == "Constant" && n.isDefaultDomain && n.outputs.count == 1 {
            if let t = ConstantNode.tensor(of: n) {
                facts[n.outputs[0]] = Fact(elementType: t.dataType, shape: TensorShape(fixed: t.dims))
            }
        }
    }

    /// Adds (or refines) what shape inference found; declared facts with more known dims win.
    mutating func merge(_ name: String, _ fact: Fact) {
        guard let old = facts[name] else { facts[name] = fact; return }
        if Self.knownDims(fact.shape) > Self.knownDims(old.shape) { facts[name] = fact }
    }

    private mutating func record(_ v: ValueInfo) {
        guard case let .tensor(t, s)? = v.type?.value, t != .undefined else { return }
        merge(v.name, Fact(elementType: t, shape: s))
    }

    private static func knownDims(_ s: TensorShape?) -> Int {
        guard let s else { return -1 }
        return s.dims.filter { $0.fixedValue != nil }.count
    }

    func elementType(_ name: String) -> DataType? { facts[name]?.elementType }

    func shape(_ name: String) -> TensorShape? { facts[name]?.shape }

    /// All dims as numbers (non-negative), or nil.
    func fixedShape(_ name: String) -> [Int64]? {
        guard let dims = facts[name]?.shape?.fixedDims, dims.allSatisfy({ $0 >= 0 }) else { return nil }
        return dims
    }

    func rank(_ name: String) -> Int? { facts[name]?.shape?.rank }
}
