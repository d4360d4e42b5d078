import ONNXModel

/// Who produces and who consumes each value of a graph, and which values must keep their
/// name. Built once per pass run; passes that edit the graph rebuild it (graphs are small
/// next to the cost of a wrong index).
struct GraphIndex {
    /// Value name -> index of the node that produces it.
    private(set) var producer: [String: Int] = [:]
    /// Value name -> (node index, input position) of every use in the main graph.
    private(set) var uses: [String: [(node: Int, slot: Int)]] = [:]
    let graphInputs: Set<String>
    let graphOutputs: Set<String>
    /// Names read by nodes inside subgraphs (If/Loop/Scan bodies) from the enclosing scope.
    /// Renaming them would need scoped rewriting, so they are left as they are.
    let subgraphReferences: Set<String>
    let initializerIndex: [String: Int]

    init(_ graph: Graph) {
        graphInputs = Set(graph.inputs.map(\.name))
        graphOutputs = Set(graph.outputs.map(\.name))
        var inits: [String: Int] = [:]
        for (i, t) in graph.initializers.enumerated() where inits[t.name] == nil { inits[t.name] = i }
        initializerIndex = inits
        var refs = Set<String>()
        for (i, node) in graph.nodes.enumerated() {
            for o in node.outputs where !o.isEmpty && producer[o] == nil { producer[o] = i }
            for (slot, x) in node.inputs.enumerated() where !x.isEmpty { uses[x, default: []].append((i, slot)) }
            for a in node.attributes {
                if let g = a.g { Self.collectOuterReferences(g, into: &refs, depth: 0) }
                for g in a.graphs { Self.collectOuterReferences(g, into: &refs, depth: 0) }
            }
        }
        subgraphReferences = refs
    }

    /// A value whose name the outside world (graph outputs, subgraphs) relies on.
    func isPinned(_ name: String) -> Bool {
        graphOutputs.contains(name) || subgraphReferences.contains(name)
    }

    /// An initializer that no graph input can override: its value is known.
    func isConstantInitializer(_ name: String) -> Bool {
        initializerIndex[name] != nil && !graphInputs.contains(name)
    }

    func useCount(_ name: String) -> Int { uses[name]?.count ?? 0 }

    /// Nodes (by index, ascending, without repeats) that read `name`.
    func consumers(_ name: String) -> [Int] {
        var seen = Set<Int>()
        return (uses[name] ?? []).map(\.node).filter { seen.insert($0).inserted }
    }

    /// Whether anything reads `name`: a node, a subgraph or the graph's outputs.
    func isUsed(_ name: String) -> Bool {
        useCount(name) > 0 || isPinned(name)
    }

    /// Every name a subgraph reads, minus those it defines itself. Bounded in depth so that a
    /// hostile file cannot exhaust the stack.
    private static func collectOuterReferences(_ g: Graph, into refs: inout Set<String>, depth: Int) {
        guard depth < 32 else { return }
        var defined = Set(g.inputs.map(\.name))
        for t in g.initializers { defined.insert(t.name) }
        for n in g.nodes { for o in n.outputs { defined.insert(o) } }
        var inner = Set<String>()
        for n in g.nodes {
            for x in n.inputs where !x.isEmpty { inner.insert(x) }
            for a in n.attributes {
                if let sub = a.g { collectOuterReferences(sub, into: &inner, depth: depth + 1) }
                for sub in a.graphs { collectOuterReferences(sub, into: &inner, depth: depth + 1) }
            }
        }
        for o in g.outputs { inner.insert(o.name) }
        refs.formUnion(inner.subtracting(defined))
    }
}

extension Node {
    /// Whether the node carries a subgraph (If, Loop, Scan, ...): such nodes are never folded,
    /// merged or evaluated.
    var hasSubgraph: Bool { attributes.contains { $0.g != nil || !$0.graphs.isEmpty } }

    /// Whether the node belongs to the default `ai.onnx` domain.
    var isDefaultDomain: Bool { domain.isEmpty || domain == "ai.onnx" }
}
