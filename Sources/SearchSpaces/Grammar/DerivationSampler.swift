import ONNXNetSupport

/// Draws random derivations top-down, the way the original samplers do: at each node pick an
/// allowed alternative by the rules' weights, derive its children left to right, and when
/// the alternative cannot be completed (a rule rejects a child combination) drop it (with
/// its exclusion group) and draw again among the rest. Work is bounded: a draw that passes
/// `maxNodes` productions (counting abandoned attempts) or `maxDepth` levels, or that the
/// rules declare over budget, is restarted from scratch, at most `maxRestarts` times.
public struct DerivationSampler<Rules: DerivationRules> {
    public let rules: Rules
    public var maxNodes: Int
    public var maxDepth: Int
    public var maxRestarts: Int

    public init(rules: Rules, maxNodes: Int = 50_000, maxDepth: Int = 400, maxRestarts: Int = 10_000) {
        self.rules = rules
        self.maxNodes = maxNodes
        self.maxDepth = maxDepth
        self.maxRestarts = maxRestarts
    }

    /// One derivation of the start symbol and its value.
    public func sample(context: Rules.Context, using rng: inout SeededGenerator) throws(DerivationError) -> (Derivation, Rules.Value) {
        var lastReason = ""
        for _ in 0...maxRestarts {
            var work = 0
            do {
                return try derive(rules.grammar.start, context: context, depth: 0, work: &work, rng: &rng)
            } catch let error as DerivationBudgetExceeded {
                lastReason = error.message
            } catch {
                throw DerivationError("sampling failed: \(error)")
            }
        }
        throw DerivationError("no derivation within the limits after \(maxRestarts + 1) draws (last: \(lastReason))")
    }

    private func derive(_ nonterminal: String, context: Rules.Context, depth: Int, work: inout Int,
                        rng: inout SeededGenerator) throws -> (Derivation, Rules.Value) {
        guard depth <= maxDepth else { throw DerivationBudgetExceeded("deeper than \(maxDepth) levels") }
        let grammar = rules.grammar
        var remaining = grammar.alternatives(of: nonterminal).filter {
            rules.restriction(of: grammar.productions[$0], in: context, depth: depth) == nil
        }
        var lastFailure = "no alternative is allowed here"
        while !remaining.isEmpty {
            let candidates = remaining.map { grammar.productions[$0] }
            let weights = rules.weights(of: candidates, in: context, depth: depth)
            guard let pick = Self.draw(weights, rng: &rng) else { break }
            let index = remaining[pick]
            let production = grammar.productions[index]
            work += 1
            guard work <= maxNodes else { throw DerivationBudgetExceeded("more than \(maxNodes) productions") }
            do {
                var children: [Derivation] = []
                var values: [Rules.Value] = []
                for (i, child) in production.nonterminals.enumerated() {
                    let childContext = try rules.context(ofChild: i, of: production, parent: context, siblings: values)
                    let (d, v) = try derive(child, context: childContext, depth: depth + 1, work: &work, rng: &rng)
                    children.append(d)
                    values.append(v)
                }
                let value = try rules.value(of: production, in: context, children: values)
                return (Derivation(production: index, children: children), value)
            } catch let error as DerivationBudgetExceeded {
                throw error
            } catch {
                lastFailure = "\(production): \(error)"
                if let group = rules.exclusionGroup(of: production) {
                    remaining.removeAll { rules.exclusionGroup(of: grammar.productions[$0]) == group }
                } else {
                    remaining.removeAll { $0 == index }
                }
            }
        }
        throw DerivationRuleViolation("no alternative of \(nonterminal) can be completed (last: \(lastFailure))")
    }

    /// An index drawn with probability proportional to `weights`, or nil when all are zero.
    static func draw(_ weights: [Double], rng: inout SeededGenerator) -> Int? {
        let total = weights.reduce(0) { $0 + max($1, 0) }
        guard total > 0 else { return nil }
        var u = rng.uniform() * total
        var last: Int?
        for (i, w) in weights.enumerated() where w > 0 {
            if u < w { return i }
            u -= w
            last = i
        }
        return last
    }
}
