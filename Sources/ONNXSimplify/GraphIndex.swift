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
        for (i, node) in graph.nodes.enumerated() {
            for o in node.outputs where !o.isEmpty && producer[o] == nil { producer[o] = i }
            for (slot, x) in node.inputs.enumerated() where !x.isEmpty { uses[x, default: []].append((i, slot)) }
        }
        subgraphReferences = graph.subgraphReferences
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
}

extension Node {
    /// Whether the node belongs to the default `ai.onnx` domain.
    var isDefaultDomain: Bool { domain.isEmpty || domain == "ai.onnx" }
}
