/// How many subgraph/function-body nodes one inference may still process. Nested control
/// flow can make inference exponential in the nesting depth; the budget keeps a hostile model
/// from hanging us (what is left over stays unknown).
final class WorkBudget {
    private var remaining: Int

    init(nodes: Int = 200_000) { remaining = nodes }

    /// Takes `n` nodes from the budget; false when it does not have them.
    func spend(_ n: Int) -> Bool {
        guard max(n, 8) <= remaining else { remaining = 0; return false }
        remaining -= max(n, 8)  // each body also costs its set-up
        return true
    }
}
