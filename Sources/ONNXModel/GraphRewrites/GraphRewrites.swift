/// The two clean-ups every exporter and simplifier applies, written once for any list of
/// operations that read and write values: ONNX graphs (`Graph.mergeIdenticalNodes`,
/// `Graph.eliminateDeadCode`) and the intermediate graphs that generators build before they
/// emit ONNX. Each returns what to change and leaves the editing to its caller, whose
/// operations it does not know.
public enum GraphRewrites {
    /// Common-subexpression elimination. Walks the operations in order, reading each one's
    /// inputs through the replacements found so far. An operation whose signature equals an
    /// earlier one's, with as many outputs, is a duplicate unless `canMerge` says otherwise;
    /// readers of its outputs are to read the earlier operation's. A nil signature keeps an
    /// operation out (random operators, for example).
    ///
    /// Replacements always name a kept operation's output, so one lookup resolves them.
    public static func commonSubexpressions<Value: Hashable, Signature: Hashable>(
        count: Int, inputs: (Int) -> [Value], outputs: (Int) -> [Value],
        signature: (_ operation: Int, _ resolvedInputs: [Value]) -> Signature?,
        canMerge: (_ duplicate: Int) -> Bool = { _ in true }
    ) -> (duplicates: Set<Int>, replacement: [Value: Value]) {
        var first: [Signature: Int] = [:]
        var replacement: [Value: Value] = [:]
        var duplicates = Set<Int>()
        for i in 0..<count {
            let resolved = inputs(i).map { replacement[$0] ?? $0 }
            guard let key = signature(i, resolved) else { continue }
            guard let kept = first[key] else {
                first[key] = i
                continue
            }
            let mine = outputs(i), theirs = outputs(kept)
            guard mine.count == theirs.count, canMerge(i) else { continue }
            for (a, b) in zip(mine, theirs) { replacement[a] = b }
            duplicates.insert(i)
        }
        return (duplicates, replacement)
    }

    /// Which operations the `roots` depend on, and every value that stays read (the roots
    /// included). Works on operations in any order; a value written by several operations is
    /// credited to the first.
    public static func liveOperations<Value: Hashable>(
        count: Int, roots: some Sequence<Value>, inputs: (Int) -> [Value], outputs: (Int) -> [Value]
    ) -> (live: [Bool], liveValues: Set<Value>) {
        var producer: [Value: Int] = [:]
        for i in 0..<count { for o in outputs(i) where producer[o] == nil { producer[o] = i } }
        var live = [Bool](repeating: false, count: count)
        var liveValues = Set(roots)
        var work = Array(liveValues)
        while let v = work.popLast() {
            guard let p = producer[v], !live[p] else { continue }
            live[p] = true
            for x in inputs(p) where liveValues.insert(x).inserted { work.append(x) }
        }
        return (live, liveValues)
    }

    /// Kahn's algorithm preferring file order: among the operations whose producers are all
    /// placed, the earliest goes first, so operations already in order keep it exactly.
    /// `producers(i)` names the operations whose outputs operation `i` reads (itself and
    /// repeats are ignored). Operations caught in a cycle, or fed by one, are left out.
    public static func topologicalOrder(count: Int, producers: (Int) -> [Int]) -> [Int] {
        var pending = [Int](repeating: 0, count: count)
        var dependents = [[Int]](repeating: [], count: count)
        for i in 0..<count {
            // A linear scan: operations read a handful of values, a Set per node costs more.
            var seen: [Int] = []
            for p in producers(i) where p != i && !seen.contains(p) {
                seen.append(p)
                pending[i] += 1
                dependents[p].append(i)
            }
        }
        var ready = MinHeap()
        for i in 0..<count where pending[i] == 0 { ready.push(i) }
        var order: [Int] = []
        order.reserveCapacity(count)
        while let i = ready.pop() {
            order.append(i)
            for d in dependents[i] {
                pending[d] -= 1
                if pending[d] == 0 { ready.push(d) }
            }
        }
        return order
    }
}

/// A binary min-heap of operation indices (the ready set of `topologicalOrder`).
private struct MinHeap {
    private var items: [Int] = []

    mutating func push(_ x: Int) {
        items.append(x)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if items[parent] <= items[i] { break }
            items.swapAt(parent, i)
            i = parent
        }
    }

    mutating func pop() -> Int? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < items.count && items[l] < items[m] { m = l }
                if r < items.count && items[r] < items[m] { m = r }
                if m == i { break }
                items.swapAt(i, m)
                i = m
            }
        }
        return top
    }
}

extension Graph {
    /// Removes the nodes at `indices`, keeping the order of the rest.
    public mutating func removeNodes(_ indices: Set<Int>) {
        guard !indices.isEmpty else { return }
        nodes = nodes.enumerated().filter { !indices.contains($0.offset) }.map(\.element)
    }
}
