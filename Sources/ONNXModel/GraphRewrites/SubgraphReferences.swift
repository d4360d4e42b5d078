/// Values that subgraphs (the bodies of If, Loop, Scan) read from the scope around them.
/// Rewrites must keep those values alive and under their names.
extension Node {
    /// Whether the node carries a subgraph: such nodes are never folded, merged or evaluated.
    public var hasSubgraph: Bool { attributes.contains { $0.$g.isPresent || !$0.graphs.isEmpty } }

    /// Names the node's subgraphs read from the enclosing scope.
    public var subgraphReads: Set<String> {
        var refs = Set<String>()
        for a in attributes {
            if let g = a.g { Graph.collectOuterReferences(g, into: &refs, depth: 0) }
            for g in a.graphs { Graph.collectOuterReferences(g, into: &refs, depth: 0) }
        }
        return refs
    }
}

extension Graph {
    /// Names read by the subgraphs of this graph's nodes from this graph's scope.
    public var subgraphReferences: Set<String> {
        var refs = Set<String>()
        for node in nodes where node.hasSubgraph { refs.formUnion(node.subgraphReads) }
        return refs
    }

    /// Every name `g` reads, minus those it defines itself. Bounded in depth so that a
    /// hostile file cannot exhaust the stack.
    static func collectOuterReferences(_ g: Graph, into refs: inout Set<String>, depth: Int) {
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
