/// Counts of chains of k = 1...maxLength "operations" (convolutions, linear layers,
/// poolings) along the paths of the compute graph, passing through the glue in between
/// (additions, concatenations, activations, normalisations). This is the path encoding
/// that works well for cell-based NAS predictors (White et al., BANANAS, 2021), computed
/// on any ONNX graph: every distinct chain of graph paths counts once, by dynamic
/// programming over the DAG, so it never enumerates the (exponentially many) full paths.
enum OperationPaths {
    /// The label of an operation vertex, or nil for glue that paths pass through.
    static func label(_ v: ComputeGraph.Vertex) -> UInt64? {
        if v.opClass.isPathOperation {
            var h = StableHash.string(v.op)
            for k in v.kernel { h = StableHash.combine(h, k) }
            h = StableHash.combine(h, 1000 &+ v.stride)
            h = StableHash.combine(h, 2000 &+ v.dilation)
            if v.group > 1 { h = StableHash.combine(h, 3000) }
            return h
        }
        // A scaling by a constant (other than zero, which removed the branch) is an operation.
        if v.opClass == .mul && v.constantInputs > 0 { return StableHash.string("Mul.const") }
        return nil
    }

    /// A chain ending at a vertex: hash of its labels, length, and number of graph paths.
    struct Chain {
        var hash: UInt64
        var length: Int
        var count: Double
    }

    static func accumulate(_ g: ComputeGraph, maxLength: Int, family: UInt64, into keys: inout [UInt64], weights: inout [Double]) {
        let n = g.vertices.count
        guard n > 0, maxLength > 0 else { return }
        let labels = g.vertices.map(label)
        // Chains (length < maxLength, so they can grow) arriving at each vertex's output.
        var open = [[Chain]](repeating: [], count: n)
        var incoming: [Chain] = []
        for k in 0..<n {
            incoming.removeAll(keepingCapacity: true)
            for p in g.vertices[k].predecessors where p >= 0 { incoming.append(contentsOf: open[p]) }
            guard let l = labels[k] else {
                open[k] = merged(incoming)
                continue
            }
            var ending: [Chain] = [Chain(hash: StableHash.combine(family, l), length: 1, count: 1)]
            for c in incoming where c.length < maxLength {
                ending.append(Chain(hash: StableHash.combine(c.hash, l), length: c.length + 1, count: c.count))
            }
            ending = merged(ending)
            for c in ending {
                keys.append(StableHash.combine(c.hash, 0x5041_5448 &+ UInt64(c.length)))  // "PATH"+k
                weights.append(c.count)
            }
            open[k] = ending.filter { $0.length < maxLength }
        }
    }

    /// Chains with equal labels merged (their path counts add), in hash order.
    static func merged(_ chains: [Chain]) -> [Chain] {
        guard chains.count > 1 else { return chains }
        let sorted = chains.sorted { $0.hash != $1.hash ? $0.hash < $1.hash : $0.length < $1.length }
        var out: [Chain] = []
        out.reserveCapacity(sorted.count)
        for c in sorted {
            if let last = out.last, last.hash == c.hash, last.length == c.length {
                out[out.count - 1].count += c.count
            } else {
                out.append(c)
            }
        }
        return out
    }
}
