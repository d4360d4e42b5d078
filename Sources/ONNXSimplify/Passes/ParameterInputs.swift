import ONNXModel

/// Old exporters (IR version 3) list every weight among the graph inputs, with the
/// initializer as a default value a caller could override. In practice those are the
/// network's parameters, and onnx-simplifier treats them as constants; so do we: such inputs
/// are dropped from `graph.input` (raising the IR version to 4, which allows initializers
/// that are not inputs), after which folding can use them. The encodings do not change:
/// they name these values `Param[...]` either way.
struct ParameterInputs: SimplifyPass {
    let name = "parameter_inputs"

    func run(_ model: inout Model, context: PassContext) throws -> PassOutcome {
        var outcome = PassOutcome()
        guard context.options.initializersAreConstant else { return outcome }
        let initNames = Set(model.graph.initializers.map(\.name))
        let before = model.graph.inputs.count
        model.graph.inputs.removeAll { initNames.contains($0.name) }
        outcome.changes = before - model.graph.inputs.count
        if outcome.changes > 0 {
            model.irVersion = max(model.irVersion, 4)
            outcome.notes.append("\(outcome.changes) initializer-backed graph input(s) treated as parameters")
        }
        return outcome
    }
}
