import ONNXModel

/// Merges nodes that apply the same operator with the same attributes to the same inputs
/// (identical branches), keeping the first (`Graph.mergeIdenticalNodes`). Random operators
/// are never merged: two draws are not one.
struct CommonSubexpressionElimination: SimplifyPass {
    let name = "common_subexpression_elimination"

    static let nondeterministic: Set<String> = [
        "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Multinomial", "Bernoulli",
        "Dropout",
    ]

    func run(_ model: inout Model, context: PassContext) throws -> PassOutcome {
        var outcome = PassOutcome()
        guard context.options.mergeIdenticalNodes else { return outcome }
        outcome.changes = model.graph.mergeIdenticalNodes { node in
            // Operators of other domains than these may have side effects we do not know of.
            !(node.isDefaultDomain && Self.nondeterministic.contains(node.opType))
                && (node.isDefaultDomain || node.domain == "ai.onnx.ml")
        }
        return outcome
    }
}
