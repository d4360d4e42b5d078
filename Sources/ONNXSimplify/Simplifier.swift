import ONNXModel

/// Canonicalises real-world ONNX exports so that one network gets one graph (and so one
/// encoding) however it was exported: eval or training mode, opset 11 to 17, with or without
/// the exporter's constant folding. Runs its passes in rounds until nothing changes (bounded
/// by `SimplifyOptions.maxIterations`). The result computes the same function at inference.
public enum Simplifier {
    /// The simplified model.
    public static func simplify(_ model: Model, options: SimplifyOptions = .init()) throws -> Model {
        try simplifyWithReport(model, options: options).model
    }

    /// The simplified model and what each pass changed.
    public static func simplifyWithReport(_ model: Model, options: SimplifyOptions = .init()) throws
        -> (model: Model, report: SimplifyReport) {
        guard options.maxIterations >= 1 else { throw SimplifyError.invalidOption("maxIterations must be at least 1") }
        guard options.maxFoldedElements >= 0, options.maxExpansionBytes >= 0 else {
            throw SimplifyError.invalidOption("limits must not be negative")
        }
        var model = model
        try fixInputShapes(&model, options.inputShapes)
        let bytesBefore = model.serialized().count
        func grew(_ m: Model) -> Bool {
            m.graph.nodes.count > model.graph.nodes.count || m.serialized().count > bytesBefore
        }
        var (result, report) = try runPasses(model, options: options)
        if options.neverGrow && grew(result) {
            // Upgrading the opset turns attributes into initializers and writes PyTorch's
            // explicit defaults; a model with nothing else to simplify can grow by a few bytes.
            // The canonical opset then yields to "never grow"; if even that grows, the model
            // is returned as it came.
            var retry = options
            retry.targetOpset = nil
            let (second, secondReport) = try runPasses(model, options: retry)
            if !grew(second) {
                (result, report) = (second, secondReport)
                report.warnings.append("opset left unchanged: upgrading would have grown the model")
            } else {
                result = model
                report.warnings.append("model returned unchanged: simplification would have grown it")
            }
        }
        report.nodesBefore = model.graph.nodes.count
        report.bytesBefore = bytesBefore
        report.opsetBefore = model.defaultOpsetVersion
        report.nodesAfter = result.graph.nodes.count
        report.bytesAfter = result.serialized().count
        report.opsetAfter = result.defaultOpsetVersion
        return (result, report)
    }

    /// Replaces the declared dims of the named graph inputs (rank must match).
    private static func fixInputShapes(_ model: inout Model, _ shapes: [String: [Int64]]) throws {
        for (name, dims) in shapes.sorted(by: { $0.key < $1.key }) {
            guard let i = model.graph.inputs.firstIndex(where: { $0.name == name }) else {
                throw SimplifyError.invalidOption("no graph input named \(name)")
            }
            guard dims.allSatisfy({ $0 >= 0 }) else { throw SimplifyError.invalidOption("negative dim for \(name)") }
            guard case let .tensor(type, shape)? = model.graph.inputs[i].type?.value else {
                throw SimplifyError.invalidOption("input \(name) is not a tensor")
            }
            if let shape, shape.rank != dims.count {
                throw SimplifyError.invalidOption("input \(name) has rank \(shape.rank), not \(dims.count)")
            }
            model.graph.inputs[i].type = TypeProto.tensor(type, dims)
        }
    }

    /// The passes of one round, in order: normalise the form first, then fold and remove,
    /// then merge, order and clean up.
    static func passes() -> [any SimplifyPass] {
        [
            ParameterInputs(),
            OpsetNormalisation(),
            InferenceMode(),
            ConstantFolding(),
            NoOpRemoval(),
            BatchNormFolding(),
            InitializerDeduplication(),
            TopologicalOrder(),
            CommonSubexpressionElimination(),
            DeadCodeElimination(),
        ]
    }

    private static func runPasses(_ input: Model, options: SimplifyOptions) throws -> (Model, SimplifyReport) {
        var model = input
        var report = SimplifyReport()
        let all = passes()
        var facts = ValueFacts()
        var factsAreCurrent = false
        for round in 1...options.maxIterations {
            report.iterations = round
            var changes = 0
            for pass in all {
                if pass.needsFacts && !factsAreCurrent {
                    facts = ShapeFacts.collect(model, useInference: options.useShapeInference)
                    factsAreCurrent = true
                }
                let context = PassContext(options: options, facts: facts, opset: model.defaultOpsetVersion ?? 1)
                let outcome = try pass.run(&model, context: context)
                report.record(pass.name, outcome)
                if outcome.changes > 0 {
                    changes += outcome.changes
                    factsAreCurrent = false
                }
            }
            if changes == 0 {
                report.reachedFixedPoint = true
                break
            }
        }
        if !report.reachedFixedPoint {
            report.warnings.append("stopped after \(options.maxIterations) rounds with passes still changing the model")
        }
        return (model, report)
    }
}
