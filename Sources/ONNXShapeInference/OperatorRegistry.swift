/// A rule: infers a node's output types (and, for shape-computing operators, their values).
typealias InferenceFunction = @Sendable (inout NodeContext) throws(InferenceFailure) -> Void

/// One operator's entry in the registry.
struct OperatorRule: Sendable {
    /// The first version of its operator set in which the operator exists.
    let since: Int64
    let infer: InferenceFunction
    /// ONNX's partial data propagation (run only when `Options.dataPropagation` is on).
    let propagate: InferenceFunction?
    /// Whether the rule infers subgraphs or a function body. Those share the graph's work
    /// budget and symbols, so such a rule has effects beyond its node's outputs and is never
    /// skipped (see `Options.trustCompleteDeclarations`).
    let infersSubgraphs: Bool

    init(since: Int64, infer: @escaping InferenceFunction, propagate: InferenceFunction? = nil, infersSubgraphs: Bool = false) {
        self.since = since
        self.infer = infer
        self.propagate = propagate
        self.infersSubgraphs = infersSubgraphs
    }
}

/// Operator type -> rule, for the default (`ai.onnx`) domain and the few other domains we
/// know. Each operator family keeps its rules in one file under `Rules/`.
enum OperatorRegistry {
    static let defaultDomain: [String: OperatorRule] = {
        var table: [String: OperatorRule] = [:]
        let families: [[String: OperatorRule]] = [
            ElementwiseRules.rules, ActivationRules.rules, LogicalRules.rules,
            ConvolutionRules.rules, PoolingRules.rules, NormalizationRules.rules,
            ShapeManipulationRules.rules, IndexingRules.rules, ReductionRules.rules, MatMulRules.rules,
            ResizeRules.rules, ConstantRules.rules, ControlFlowRules.rules, RecurrentRules.rules,
            QuantizationRules.rules, SequenceRules.rules, SignalRules.rules, MiscellaneousRules.rules,
        ]
        for family in families {
            for (op, rule) in family {
                assert(table[op] == nil, "operator registered twice")
                table[op] = rule
            }
        }
        return table
    }()

    /// `ai.onnx.preview.training` operators.
    static let trainingDomain: [String: OperatorRule] = TrainingRules.rules

    static func rule(domain: String, opType: String) -> OperatorRule? {
        switch domain {
        case "", "ai.onnx": return defaultDomain[opType]
        case "ai.onnx.preview.training": return trainingDomain[opType]
        default: return nil
        }
    }

    /// Operator types of the default domain that have a rule.
    static var supportedOperators: [String] { defaultDomain.keys.sorted() }
}
