extension Graph {
    /// Merges nodes that compute the same thing (equal `NodeSignature`, inputs read through
    /// the merges before them), keeping the first; readers of a merged node read the kept one.
    ///
    /// Never merged: nodes with subgraphs, nodes without outputs or with an unnamed one, nodes
    /// whose outputs the outside relies on (graph outputs, subgraph reads), and nodes
    /// `mergeable` turns down (the caller knows which operators draw random numbers). With
    /// `constantsByValue`, small int64 initializers compare by value
    /// (`NodeSignature.Input.constant`). Returns how many nodes were removed.
    @discardableResult
    public mutating func mergeIdenticalNodes(constantsByValue: Bool = false,
                                             where mergeable: (Node) -> Bool = { _ in true }) -> Int {
        let pinned = Set(outputs.map(\.name)).union(subgraphReferences)
        let constants = constantsByValue ? smallInt64Constants() : [:]
        let nodes = self.nodes
        let (duplicates, replacement) = GraphRewrites.commonSubexpressions(
            count: nodes.count, inputs: { nodes[$0].inputs }, outputs: { nodes[$0].outputs },
            signature: { i, resolvedInputs -> NodeSignature? in
                var node = nodes[i]
                guard !node.hasSubgraph, !node.outputs.isEmpty, !node.outputs.contains(""), mergeable(node) else { return nil }
                node.inputs = resolvedInputs
                return NodeSignature(node, constants: constants)
            },
            canMerge: { i in !nodes[i].outputs.contains(where: pinned.contains) })
        guard !duplicates.isEmpty else { return 0 }
        // Every reader, also one placed before the merged node in an unsorted graph.
        for i in self.nodes.indices {
            for j in self.nodes[i].inputs.indices {
                if let r = replacement[self.nodes[i].inputs[j]] { self.nodes[i].inputs[j] = r }
            }
        }
        removeNodes(duplicates)
        return duplicates.count
    }
}
