import ONNXModel

/// Removes nodes whose outputs nothing reads (not another node, not a subgraph, not the
/// graph's outputs), initializers no node reads, unused trailing optional outputs, and
/// value_info entries of values that no longer exist.
struct DeadCodeElimination: SimplifyPass {
    let name = "dead_code_elimination"

    /// Operators whose trailing outputs are optional and may simply be left off.
    static let optionalTrailingOutputs: Set<String> = ["Dropout", "MaxPool", "LSTM", "GRU", "RNN"]

    func run(_ model: inout Model, context: PassContext) throws -> PassOutcome {
        var outcome = PassOutcome()
        guard context.options.eliminateDeadCode else { return outcome }
        var graph = model.graph
        let gi = GraphIndex(graph)

        // Liveness from the graph's outputs backwards (works on unsorted graphs too).
        var live = gi.graphOutputs.union(gi.subgraphReferences)
        var liveNodes = Set<Int>()
        var work = Array(live)
        while let v = work.popLast() {
            guard let p = gi.producer[v], liveNodes.insert(p).inserted else { continue }
            var reads = graph.nodes[p].inputs.filter { !$0.isEmpty }
            reads.append(contentsOf: Self.subgraphReads(of: graph.nodes[p]))
            for x in reads where live.insert(x).inserted { work.append(x) }
        }
        // A node whose output shares a name with another producer's is kept with it.
        let deadNodes = Set(graph.nodes.indices).subtracting(liveNodes)
        if !deadNodes.isEmpty {
            graph.removeNodes(deadNodes)
            outcome.changes += deadNodes.count
        }

        // Trailing optional outputs nobody reads.
        for i in graph.nodes.indices where graph.nodes[i].isDefaultDomain
            && Self.optionalTrailingOutputs.contains(graph.nodes[i].opType) {
            while graph.nodes[i].outputs.count > 1, let last = graph.nodes[i].outputs.last,
                  last.isEmpty || !live.contains(last) {
                graph.nodes[i].outputs.removeLast()
                outcome.changes += 1
            }
        }

        // Initializers nothing reads (with their graph-input entry, for old IR files).
        let unusedInits = Set(graph.initializers.map(\.name).filter { !live.contains($0) })
        if !unusedInits.isEmpty {
            let before = graph.initializers.count
            graph.initializers.removeAll { unusedInits.contains($0.name) }
            graph.inputs.removeAll { unusedInits.contains($0.name) }
            outcome.changes += before - graph.initializers.count
        }

        // value_info for values that are gone.
        var existing = Set(graph.inputs.map(\.name))
        for n in graph.nodes { existing.formUnion(n.outputs) }
        for t in graph.initializers { existing.insert(t.name) }
        let vi = graph.valueInfo.count
        graph.valueInfo.removeAll { !existing.contains($0.name) }
        outcome.changes += vi - graph.valueInfo.count

        model.graph = graph
        return outcome
    }

    /// Outer-scope values a node's subgraphs read (they keep their producers alive).
    static func subgraphReads(of node: Node) -> [String] {
        guard node.hasSubgraph else { return [] }
        var g = Graph()
        g.nodes = [node]
        return Array(GraphIndex(g).subgraphReferences)
    }
}
