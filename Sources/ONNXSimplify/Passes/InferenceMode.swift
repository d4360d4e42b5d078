import ONNXModel

/// Rewrites training-mode BatchNormalization into its inference form: `training_mode=0` and
/// no running-statistics outputs. A training export (`TrainingMode.TRAINING`) normalises with
/// batch statistics, but the network it describes is evaluated with its running statistics;
/// the canonical graph is that evaluation graph, so that a train export and an eval export of
/// one network get one encoding. Only done when the extra outputs are unused.
struct InferenceMode: SimplifyPass {
    let name = "inference_mode"

    func run(_ model: inout Model, context: PassContext) throws -> PassOutcome {
        var outcome = PassOutcome()
        guard context.options.inferenceMode else { return outcome }
        let gi = GraphIndex(model.graph)
        for i in model.graph.nodes.indices {
            let node = model.graph.nodes[i]
            guard node.isDefaultDomain, node.opType == "BatchNormalization" else { continue }
            let trainingAttr = node.attributes.firstIndex { $0.name == "training_mode" }
            let trains = trainingAttr.map { (node.attributes[$0].i ?? 0) != 0 } ?? false
            let extraOutputs = node.outputs.dropFirst().filter { !$0.isEmpty }
            guard trains || !extraOutputs.isEmpty else { continue }
            // Running-statistics outputs that something reads cannot be dropped.
            guard extraOutputs.allSatisfy({ !gi.isUsed($0) }) else {
                outcome.notes.append("BatchNormalization \(node.outputs.first ?? "") kept in training mode: its statistics outputs are used")
                continue
            }
            model.graph.nodes[i].outputs = Array(node.outputs.prefix(1))
            if let a = trainingAttr { model.graph.nodes[i].attributes[a].i = 0 }
            outcome.changes += 1
        }
        if outcome.changes > 0 {
            outcome.notes.append("\(outcome.changes) training-mode BatchNormalization node(s) rewritten to inference form (running statistics)")
        }
        return outcome
    }
}
