/// What a space adds to its grammar: which alternatives are allowed in a context (shapes,
/// constraints), how likely each is when sampling, and what every subtree computes. This is
/// an attribute grammar evaluated left to right: a child's inherited context may depend on
/// the values its earlier siblings synthesized (einspace's second module reads the shape the
/// first one produced; hNB201's cell edges know which earlier edges are zero).
///
/// The same rules drive `DerivationEvaluator` (validating a parsed derivation) and
/// `DerivationSampler` (drawing one), so every sample validates and every validation error
/// is something the sampler avoids.
public protocol DerivationRules {
    associatedtype Context
    associatedtype Value

    var grammar: ContextFreeGrammar { get }

    /// Why `production` may not be applied in `context` at tree depth `depth`, or nil.
    func restriction(of production: GrammarProduction, in context: Context, depth: Int) -> String?

    /// Relative sampling weights of `candidates` (alternatives that are allowed and have not
    /// failed yet at this node), in the same order. A zero weight means "never draw".
    func weights(of candidates: [GrammarProduction], in context: Context, depth: Int) -> [Double]

    /// Alternatives that fail together: when a sampled alternative cannot be completed, every
    /// alternative of the same group is dropped at that node (einspace drops `branching_module`
    /// as a whole, whatever its branching function was). Nil: the production alone.
    func exclusionGroup(of production: GrammarProduction) -> String?

    /// The context of the `index`-th nonterminal child, given what the earlier children produced.
    func context(ofChild index: Int, of production: GrammarProduction, parent: Context, siblings: [Value]) throws -> Context

    /// What the node computes from its children; throws `DerivationRuleViolation` when the
    /// combination is invalid (a shape mismatch, say) and `DerivationBudgetExceeded` when a
    /// sampling limit is passed.
    func value(of production: GrammarProduction, in context: Context, children: [Value]) throws -> Value
}

extension DerivationRules {
    public func weights(of candidates: [GrammarProduction], in context: Context, depth: Int) -> [Double] {
        candidates.map { Double($0.multiplicity) }
    }

    public func exclusionGroup(of production: GrammarProduction) -> String? { nil }
}

/// A rule of the space rejects a (sub)derivation.
public struct DerivationRuleViolation: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A sampled derivation grew past a size limit; the sampler starts the draw over.
public struct DerivationBudgetExceeded: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Evaluates a given derivation under the rules: the value of the root, or an error naming the
/// production that breaks a rule and where it sits.
public struct DerivationEvaluator<Rules: DerivationRules> {
    public let rules: Rules

    public init(rules: Rules) { self.rules = rules }

    public func evaluate(_ derivation: Derivation, context: Rules.Context) throws(DerivationError) -> Rules.Value {
        try derivation.validateStructure(in: rules.grammar)
        return try evaluate(derivation, context: context, depth: 0, path: [])
    }

    private func evaluate(_ d: Derivation, context: Rules.Context, depth: Int, path: [String]) throws(DerivationError) -> Rules.Value {
        let p = rules.grammar.productions[d.production]
        if let why = rules.restriction(of: p, in: context, depth: depth) {
            throw DerivationError("`\(p)` is not allowed here: \(why)", path: path)
        }
        var values: [Rules.Value] = []
        values.reserveCapacity(d.children.count)
        for (i, child) in d.children.enumerated() {
            let childPath = path + ["\(p.lhs)[\(i)]"]
            let childContext: Rules.Context
            do {
                childContext = try rules.context(ofChild: i, of: p, parent: context, siblings: values)
            } catch {
                throw DerivationError("`\(p)`: \(error)", path: childPath)
            }
            values.append(try evaluate(child, context: childContext, depth: depth + 1, path: childPath))
        }
        do {
            return try rules.value(of: p, in: context, children: values)
        } catch {
            throw DerivationError("`\(p)`: \(error)", path: path)
        }
    }
}
