/// The one context rule of hNB201 besides the grammar: an edge may be `zero` only if the
/// topology it sits in still connects its input to its output, counting the earlier edges
/// that are already zero as removed and the later ones as present (the NePS constraint the
/// original passes to its sampler). Because removing more edges never adds a path, a finished
/// derivation satisfies this rule exactly when every cell still connects input and output.
struct HNB201Rules: DerivationRules {
    struct Context {
        var zeroAllowed = true
    }

    struct Value {
        /// The derivation is `(OPS zero)`.
        var isZero = false
    }

    var grammar: ContextFreeGrammar { HNB201Grammar.grammar }

    func restriction(of production: GrammarProduction, in context: Context, depth: Int) -> String? {
        guard !context.zeroAllowed, production.rhs == [.terminal(HNB201Grammar.zero)] else { return nil }
        return "a zero edge here would disconnect the cell's input from its output"
    }

    func context(ofChild index: Int, of production: GrammarProduction, parent: Context, siblings: [Value]) throws -> Context {
        guard let edges = edgesTakingChildren(production) else { return Context() }
        // This edge and the earlier zero edges removed; the later edges still count.
        let remaining = edges.enumerated().filter { i, _ in i != index && !(i < siblings.count && siblings[i].isZero) }.map(\.1)
        let (source, sink) = Self.ends(of: edges)
        return Context(zeroAllowed: HNB201Grammar.connects(remaining, from: source, to: sink))
    }

    func value(of production: GrammarProduction, in context: Context, children: [Value]) throws -> Value {
        if let edges = edgesTakingChildren(production), children.contains(where: \.isZero) {
            let kept = zip(edges, children).filter { !$0.1.isZero }.map(\.0)
            let (source, sink) = Self.ends(of: edges)
            guard HNB201Grammar.connects(kept, from: source, to: sink) else {
                throw DerivationRuleViolation("the zero edges disconnect the input of this \(production.head ?? "") from its output")
            }
        }
        return Value(isZero: production.rhs == [.terminal(HNB201Grammar.zero)])
    }

    /// The topology's edge list when every edge is a child derivation (the only case where an
    /// edge can be zero: the cell).
    private func edgesTakingChildren(_ p: GrammarProduction) -> [(Int, Int)]? {
        guard let head = p.head, let edges = HNB201Grammar.topologies[head],
              p.rhs.count == edges.count + 1, p.rhs.dropFirst().allSatisfy({ !$0.isTerminal }) else { return nil }
        return edges
    }

    static func ends(of edges: [(Int, Int)]) -> (Int, Int) {
        let sources = Set(edges.map(\.0)), targets = Set(edges.map(\.1))
        return (sources.subtracting(targets).min() ?? 1, targets.subtracting(sources).max() ?? 1)
    }
}
