extension Graph {
    /// Removes the nodes that neither the graph's outputs nor a subgraph depend on. Returns
    /// how many, and every value that is still read (graph outputs and subgraph reads
    /// included), for the clean-ups that follow.
    @discardableResult
    public mutating func removeDeadNodes() -> (removed: Int, liveValues: Set<String>) {
        let nodes = self.nodes
        let (live, liveValues) = GraphRewrites.liveOperations(
            count: nodes.count, roots: outputs.map(\.name) + subgraphReferences,
            inputs: { i in
                let reads = nodes[i].inputs.filter { !$0.isEmpty }
                return nodes[i].hasSubgraph ? reads + nodes[i].subgraphReads : reads
            },
            outputs: { i in nodes[i].outputs.filter { !$0.isEmpty } })
        let dead = Set(live.indices.filter { !live[$0] })
        removeNodes(dead)
        return (dead.count, liveValues)
    }

    /// Removes the initializers not in `liveValues`, with their graph-input entries (files of
    /// old IR versions list initializers as inputs too). Returns how many went.
    @discardableResult
    public mutating func removeUnusedInitializers(keeping liveValues: Set<String>) -> Int {
        let unused = Set(initializers.map(\.name).filter { !liveValues.contains($0) })
        guard !unused.isEmpty else { return 0 }
        let before = initializers.count
        initializers.removeAll { unused.contains($0.name) }
        inputs.removeAll { unused.contains($0.name) }
        return before - initializers.count
    }

    /// Removes value_info entries of values that no longer exist. Returns how many went.
    @discardableResult
    public mutating func removeStaleValueInfo() -> Int {
        var existing = Set(inputs.map(\.name))
        for n in nodes { existing.formUnion(n.outputs) }
        for t in initializers { existing.insert(t.name) }
        let before = valueInfo.count
        valueInfo.removeAll { !existing.contains($0.name) }
        return before - valueInfo.count
    }

    /// Dead nodes, then unused initializers, then stale value_info. Returns the number of
    /// removals.
    @discardableResult
    public mutating func eliminateDeadCode() -> Int {
        let (removed, live) = removeDeadNodes()
        return removed + removeUnusedInitializers(keeping: live) + removeStaleValueInfo()
    }
}
