/// The architecture as NePS flattens it: one DAG over integer nodes whose edges carry
/// primitive operations. It keeps networkx's orders (nodes by insertion, successors by edge
/// insertion) because NePS numbers nodes while flattening and later emits the operations
/// node by node in that numbering, so the orders decide the order of the ONNX nodes.
struct HNB201FlatGraph {
    struct Edge: Hashable {
        let from: Int
        let to: Int
    }

    private(set) var nodes: [Int] = []
    private(set) var successors: [Int: [Int]] = [:]
    private(set) var predecessors: [Int: [Int]] = [:]
    private(set) var operations: [Edge: String] = [:]

    var maxNode: Int? { nodes.max() }
    func contains(_ n: Int) -> Bool { successors[n] != nil }

    mutating func addNode(_ n: Int) {
        guard !contains(n) else { return }
        nodes.append(n)
        successors[n] = []
        predecessors[n] = []
    }

    mutating func addEdge(_ u: Int, _ v: Int, operation: String) {
        addNode(u)
        addNode(v)
        if !successors[u]!.contains(v) {
            successors[u]!.append(v)
            predecessors[v]!.append(u)
        }
        operations[Edge(from: u, to: v)] = operation
    }

    mutating func removeEdge(_ u: Int, _ v: Int) {
        successors[u]?.removeAll { $0 == v }
        predecessors[v]?.removeAll { $0 == u }
        operations[Edge(from: u, to: v)] = nil
    }

    mutating func removeNode(_ n: Int) {
        for v in successors[n] ?? [] { removeEdge(n, v) }
        for u in predecessors[n] ?? [] { removeEdge(u, n) }
        nodes.removeAll { $0 == n }
        successors[n] = nil
        predecessors[n] = nil
    }

    /// Edges in networkx iteration order: by source node insertion, then successor order.
    var edges: [Edge] { nodes.flatMap { u in successors[u]!.map { Edge(from: u, to: $0) } } }

    // MARK: building from the composed function

    /// A derivation read as NePS composes it: a topology whose edges are functions, or a primitive.
    indirect enum Function {
        case primitive(String)
        case topology(String, [Function])
    }

    /// Flattens `function` (a topology) into a new graph the way NePS' `flatten_graph` does:
    /// nodes are numbered 1, 2, ... in edge order; a nested topology's input and output take
    /// the numbers of the edge it replaces, its inner nodes the next free numbers.
    static func flattening(_ function: Function) -> HNB201FlatGraph {
        var g = HNB201FlatGraph()
        g.flatten(function, start: nil, end: nil)
        return g
    }

    private mutating func flatten(_ function: Function, start: Int?, end: Int?) {
        guard case .topology(let name, let values) = function, let edgeList = HNB201Grammar.topologies[name] else { return }
        // The topology as networkx holds it: edges added in edge-list order.
        var local = HNB201FlatGraph()
        var valueOf: [Edge: Function] = [:]
        for ((u, v), value) in zip(edgeList, values) {
            local.addEdge(u, v, operation: "")
            valueOf[Edge(from: u, to: v)] = value
        }
        var number: [Int: Int] = [:]
        for e in local.edges {
            let u: Int
            if let n = number[e.from] {
                u = n
            } else {
                u = local.predecessors[e.from]!.isEmpty && start != nil ? start! : (maxNode.map { $0 + 1 } ?? 1)
                number[e.from] = u
                addNode(u)
            }
            let v: Int
            if let n = number[e.to] {
                v = n
            } else {
                v = local.successors[e.to]!.isEmpty && end != nil ? end! : (maxNode.map { $0 + 1 } ?? 1)
                number[e.to] = v
                addNode(v)
            }
            switch valueOf[e]! {
            case .primitive(let op): addEdge(u, v, operation: op)
            case .topology: flatten(valueOf[e]!, start: u, end: v)
            }
        }
    }

    // MARK: pruning

    /// NePS' `prune_graph`: drop `zero` edges, then every node that is not on a path from the
    /// input to the output (with its edges).
    mutating func prune(zero: String) throws(SearchSpaceError) {
        guard let source = nodes.first(where: { predecessors[$0]!.isEmpty }),
              let sink = nodes.first(where: { successors[$0]!.isEmpty }) else {
            throw SearchSpaceError(space: HNB201Space.id, "the flattened graph has no input or output node")
        }
        for e in edges where operations[e] == zero { removeEdge(e.from, e.to) }
        let forward = reach(from: source, along: successors)
        let backward = reach(from: sink, along: predecessors)
        guard forward.contains(sink) else {
            throw SearchSpaceError(space: HNB201Space.id, "zero edges disconnect the network's input from its output")
        }
        for n in nodes where !(forward.contains(n) && backward.contains(n)) { removeNode(n) }
    }

    private func reach(from start: Int, along next: [Int: [Int]]) -> Set<Int> {
        var seen: Set<Int> = [start]
        var stack = [start]
        while let n = stack.popLast() {
            for m in next[n] ?? [] where seen.insert(m).inserted { stack.append(m) }
        }
        return seen
    }

    /// networkx's `lexicographical_topological_sort`: among the nodes whose inputs are all
    /// done, the smallest number first.
    func lexicographicalTopologicalOrder() -> [Int] {
        var remaining = Dictionary(uniqueKeysWithValues: nodes.map { ($0, predecessors[$0]!.count) })
        var ready = nodes.filter { remaining[$0] == 0 }
        var order: [Int] = []
        while !ready.isEmpty {
            let i = ready.indices.min { ready[$0] < ready[$1] }!
            let n = ready.remove(at: i)
            order.append(n)
            for m in successors[n]! {
                remaining[m]! -= 1
                if remaining[m] == 0 { ready.append(m) }
            }
        }
        return order
    }
}
