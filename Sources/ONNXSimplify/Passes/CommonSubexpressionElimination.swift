import ONNXModel

/// Merges nodes that apply the same operator with the same attributes to the same inputs
/// (identical branches), keeping the first. Random operators are never merged: two draws
/// are not one.
struct CommonSubexpressionElimination: SimplifyPass {
    let name = "common_subexpression_elimination"

    static let nondeterministic: Set<String> = [
        "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Multinomial", "Bernoulli",
        "Dropout",
    ]

    func run(_ model: inout Model, context: PassContext) throws -> PassOutcome {
        var outcome = PassOutcome()
        guard context.options.mergeIdenticalNodes else { return outcome }
        var graph = model.graph
        let gi = GraphIndex(graph)
        var seen: [Node: Int] = [:]
        var alias: [String: String] = [:]
        var removed = Set<Int>()
        for i in graph.nodes.indices {
            for j in graph.nodes[i].inputs.indices {
                if let a = alias[graph.nodes[i].inputs[j]] { graph.nodes[i].inputs[j] = a }
            }
            let node = graph.nodes[i]
            guard !node.hasSubgraph, !node.outputs.isEmpty, !node.outputs.contains(""),
                  !(node.isDefaultDomain && Self.nondeterministic.contains(node.opType)),
                  node.isDefaultDomain || node.domain == "ai.onnx.ml" else { continue }
            var key = node
            key.outputs = []
            key.name = ""
            key.docString = ""
            key.metadataProps = []
            if let k = seen[key] {
                let kept = graph.nodes[k]
                guard kept.outputs.count == node.outputs.count, !node.outputs.contains(where: gi.isPinned) else { continue }
                for (a, b) in zip(node.outputs, kept.outputs) { alias[a] = b }
                removed.insert(i)
            } else {
                seen[key] = i
            }
        }
        guard !removed.isEmpty else { return outcome }
        // Readers placed before the merged node (unsorted graphs) are rewritten too.
        for i in graph.nodes.indices {
            for j in graph.nodes[i].inputs.indices {
                if let a = alias[graph.nodes[i].inputs[j]] { graph.nodes[i].inputs[j] = a }
            }
        }
        graph.removeNodes(removed)
        outcome.changes = removed.count
        model.graph = graph
        return outcome
    }
}
