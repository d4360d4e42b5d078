import ONNXModel

/// Brings a model exported at an older opset to the canonical one (17 by default), so that
/// opset-dependent forms (Unsqueeze/Squeeze/ReduceSum axes, Clip bounds, Pad pads, Slice
/// arguments, Split sizes, Upsample vs Resize, BatchNormalization's `training_mode`,
/// Reshape's `allowzero`) come out the same whichever opset the exporter used. All or
/// nothing: if one operator has no exact upgrade (see `OpsetUpgradeRules`), the model keeps
/// its opset and the report says which operator stopped it. Models newer than the target
/// are left as they are.
struct OpsetNormalisation: SimplifyPass {
    let name = "opset_normalisation"
    let needsFacts = true

    func run(_ model: inout Model, context: PassContext) throws -> PassOutcome {
        var outcome = PassOutcome()
        guard let target = context.options.targetOpset, let from = model.defaultOpsetVersion else { return outcome }
        guard from < target else { return outcome }
        guard target <= OpsetUpgradeRules.newestKnown else {
            outcome.notes.append("opset kept at \(from): upgrade rules stop at \(OpsetUpgradeRules.newestKnown)")
            return outcome
        }
        guard from >= 7 else {
            outcome.notes.append("opset kept at \(from): opsets before 7 broadcast differently")
            return outcome
        }
        guard model.functions.isEmpty else {
            outcome.notes.append("opset kept at \(from): the model defines functions")
            return outcome
        }
        var names = NameAllocator(model.graph)
        var nodes: [Node] = []
        var added: [Tensor] = []
        for node in model.graph.nodes {
            guard node.isDefaultDomain else { nodes.append(node); continue }
            guard !node.hasSubgraph else {
                outcome.notes.append("opset kept at \(from): \(node.opType) carries a subgraph")
                return outcome
            }
            switch OpsetUpgradeRules.upgrade(node, from: from, to: target, facts: context.facts, names: &names) {
            case .rewritten(let r):
                nodes.append(r.node)
                added.append(contentsOf: r.initializers)
            case .unsupported(let why):
                outcome.notes.append("opset kept at \(from): \(why)")
                return outcome
            }
        }
        // New initializers need IR 4 (before that they must also be graph inputs).
        if !added.isEmpty && model.irVersion < 4 {
            outcome.notes.append("opset kept at \(from): IR version \(model.irVersion) needs initializers listed as inputs")
            return outcome
        }
        let changedNodes = zip(nodes, model.graph.nodes).filter { $0 != $1 }.count
        model.graph.nodes = nodes
        model.graph.initializers.append(contentsOf: added)
        var found = false
        for i in model.opsetImports.indices where model.opsetImports[i].domain.isEmpty || model.opsetImports[i].domain == "ai.onnx" {
            if !found { model.opsetImports[i].version = target }
            found = true
        }
        model.irVersion = max(model.irVersion, OpsetUpgradeRules.minimumIRVersion(forOpset: target))
        outcome.changes = 1 + changedNodes
        outcome.notes.append("opset \(from) -> \(target) (\(changedNodes) node(s) rewritten)")
        return outcome
    }
}
