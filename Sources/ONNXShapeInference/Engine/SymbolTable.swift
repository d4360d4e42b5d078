import ONNXModel

/// Names for dimensions inference cannot compute. ONNX gives every such output dimension a
/// fresh symbol `unk__N` (N counting up over the whole model, skipping names already used in
/// the graph); we do the same so that later rules (broadcasting, merging) see the same
/// symbols ONNX sees.
final class SymbolTable {
    private var next = 0
    private var existing: Set<String> = []
    /// The model's graph, walked for existing symbols only when the first fresh symbol is
    /// needed (most models never need one).
    private var pendingRoot: GraphView?

    /// Remembers the root graph whose symbols (and its subgraphs') new names must avoid.
    func noteExisting(in graph: GraphView) { pendingRoot = graph }

    /// The symbols of a root graph view: its declared types, then its subgraphs'.
    private func addExisting(from view: GraphView) {
        for t in view.inputTypes { addExisting(from: t) }
        for t in view.outputTypes { addExisting(from: t) }
        for t in view.valueInfoTypes { addExisting(from: t) }
        var visits = 1
        for a in view.subgraphAttributes {
            if let g = a.g, visits < 10_000 { addExisting(from: g, depth: 1, visits: &visits) }
            for g in a.graphs where visits < 10_000 { addExisting(from: g, depth: 1, visits: &visits) }
        }
    }

    /// Records the dim_params already used by a graph's inputs, outputs and value_info, and by
    /// those of its subgraphs (the walk is bounded in depth and in the number of graphs).
    private func addExisting(from graph: Graph, depth: Int, visits: inout Int) {
        visits += 1
        for i in graph.inputs.indices { addExisting(from: graph.inputs[i].type) }
        for i in graph.outputs.indices { addExisting(from: graph.outputs[i].type) }
        for i in graph.valueInfo.indices { addExisting(from: graph.valueInfo[i].type) }
        guard depth < 32 else { return }
        // Index-based so that nodes and attributes are read in place, not copied.
        for n in graph.nodes.indices {
            for a in graph.nodes[n].attributes.indices {
                guard graph.nodes[n].attributes[a].$g.isPresent || !graph.nodes[n].attributes[a].graphs.isEmpty else { continue }
                if let g = graph.nodes[n].attributes[a].g, visits < 10_000 { addExisting(from: g, depth: depth + 1, visits: &visits) }
                for g in graph.nodes[n].attributes[a].graphs where visits < 10_000 {
                    addExisting(from: g, depth: depth + 1, visits: &visits)
                }
            }
        }
    }

    private func addExisting(from type: TypeProto?, depth: Int = 0) {
        guard depth < 32, let type else { return }
        switch type.value {
        case let .tensor(_, shape), let .sparseTensor(_, shape):
            for d in shape?.dims ?? [] { if case .param(let p) = d.value { existing.insert(p) } }
        case .sequence(let e), .optional(let e):
            if let e { addExisting(from: e, depth: depth + 1) }
        case .map(_, let v):
            if let v { addExisting(from: v, depth: depth + 1) }
        case .none:
            break
        }
    }

    func fresh() -> String {
        if let root = pendingRoot {
            pendingRoot = nil
            addExisting(from: root)
        }
        while true {
            let name = "unk__" + String(next)
            next += 1
            if existing.insert(name).inserted { return name }
        }
    }

    /// Replaces every unknown dim of `type` with a fresh symbol.
    func materialize(_ type: inout InferredType) {
        guard var shape = type.shape else { return }
        var changed = false
        for i in shape.dims.indices where shape.dims[i].value == .unknown {
            shape.dims[i].value = .param(fresh())
            changed = true
        }
        if changed { type.shape = shape }
    }

    /// The same for the tensor types inside sequence, optional and map types.
    func materialize(_ type: inout TypeProto, depth: Int = 0) {
        guard depth < 32 else { return }
        switch type.value {
        case let .tensor(e, s), let .sparseTensor(e, s):
            var t = InferredType(elementType: e, shape: s)
            materialize(&t)
            if case .tensor = type.value { type.value = .tensor(elementType: e, shape: t.shape) } else { type.value = .sparseTensor(elementType: e, shape: t.shape) }
        case .sequence(var inner?):
            materialize(&inner, depth: depth + 1)
            type.value = .sequence(inner)
        case .optional(var inner?):
            materialize(&inner, depth: depth + 1)
            type.value = .optional(inner)
        case .map(let k, var inner?):
            materialize(&inner, depth: depth + 1)
            type.value = .map(keyType: k, valueType: inner)
        default:
            break
        }
    }
}
