import ONNXModel

/// Removes nodes whose outputs nothing reads (not another node, not a subgraph, not the
/// graph's outputs), initializers no node reads, unused trailing optional outputs, and
/// value_info entries of values that no longer exist (`Graph.eliminateDeadCode`, with the
/// trailing outputs, which need operator knowledge, trimmed in between).
struct DeadCodeElimination: SimplifyPass {
    let name = "dead_code_elimination"

    /// Operators whose trailing outputs are optional and may simply be left off.
    static let optionalTrailingOutputs: Set<String> = ["Dropout", "MaxPool", "LSTM", "GRU", "RNN"]

    func run(_ model: inout Model, context: PassContext) throws -> PassOutcome {
        var outcome = PassOutcome()
        guard context.options.eliminateDeadCode else { return outcome }
        var graph = model.graph
        let (deadNodes, live) = graph.removeDeadNodes()
        outcome.changes += deadNodes

        // Trailing optional outputs nobody reads.
        for i in graph.nodes.indices where graph.nodes[i].isDefaultDomain
            && Self.optionalTrailingOutputs.contains(graph.nodes[i].opType) {
            while graph.nodes[i].outputs.count > 1, let last = graph.nodes[i].outputs.last,
                  last.isEmpty || !live.contains(last) {
                graph.nodes[i].outputs.removeLast()
                outcome.changes += 1
            }
        }

        outcome.changes += graph.removeUnusedInitializers(keeping: live)
        outcome.changes += graph.removeStaleValueInfo()
        model.graph = graph
        return outcome
    }
}
