import ONNXModel

/// Orders nodes so that every value is produced before it is read, deterministically: among
/// the nodes that are ready, the one that came first in the file goes first. A graph already
/// in order keeps its order exactly (the exporter's order is what onnx-simplifier keeps and
/// what ONNX-Bench's encodings walk). Nodes caught in a cycle or reading undefined values
/// (invalid files) keep their relative order at the end.
struct TopologicalOrder: SimplifyPass {
    let name = "topological_order"

    func run(_ model: inout Model, context: PassContext) throws -> PassOutcome {
        var outcome = PassOutcome()
        guard context.options.sortTopologically else { return outcome }
        let order = Self.order(model.graph)
        if order != Array(model.graph.nodes.indices) {
            model.graph.nodes = order.map { model.graph.nodes[$0] }
            outcome.changes = 1
        }
        return outcome
    }

    static func order(_ graph: Graph) -> [Int] {
        let gi = GraphIndex(graph)
        let n = graph.nodes.count
        var pending = [Int](repeating: 0, count: n)
        var dependents = [[Int]](repeating: [], count: n)
        for (i, node) in graph.nodes.enumerated() {
            var reads = Set(node.inputs.filter { !$0.isEmpty })
            reads.formUnion(DeadCodeElimination.subgraphReads(of: node))
            var producers = Set<Int>()
            for x in reads { if let p = gi.producer[x], p != i { producers.insert(p) } }
            pending[i] = producers.count
            for p in producers { dependents[p].append(i) }
        }
        var ready = MinHeap()
        for i in 0..<n where pending[i] == 0 { ready.push(i) }
        var out: [Int] = []
        out.reserveCapacity(n)
        var placed = [Bool](repeating: false, count: n)
        while let i = ready.pop() {
            out.append(i)
            placed[i] = true
            for d in dependents[i] {
                pending[d] -= 1
                if pending[d] == 0 { ready.push(d) }
            }
        }
        if out.count < n { for i in 0..<n where !placed[i] { out.append(i) } }
        return out
    }
}

/// A binary min-heap of node indices.
struct MinHeap {
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
