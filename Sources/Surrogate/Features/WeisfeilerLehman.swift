/// Weisfeiler-Lehman subtree features of a compute graph (Shervashidze et al., 2011): every
/// vertex starts with a label (operator and its key attributes), then repeatedly takes the
/// hash of its label with the sorted labels of its predecessors and of its successors. The
/// count of each label at each round is a feature; two graphs that WL cannot tell apart get
/// equal features, which is what we want for isomorphic cells written in a different order.
enum WeisfeilerLehman {
    static let inputLabel = StableHash.string("<input>")

    /// The round-0 label: operator, kernel, stride, dilation, grouping, whether a constant is
    /// an operand (a scaling rather than a merge), and optionally the output channels.
    static func baseLabels(_ g: ComputeGraph, channels: Bool) -> [UInt64] {
        g.vertices.map { v in
            var h = StableHash.string(v.op)
            if !v.kernel.isEmpty {
                for k in v.kernel { h = StableHash.combine(h, k) }
                h = StableHash.combine(h, 1000 &+ v.stride)
                h = StableHash.combine(h, 2000 &+ v.dilation)
            }
            if v.group > 1 {
                let inC = v.inputShape.flatMap { $0.count > 1 ? $0[1] : nil } ?? 0
                h = StableHash.combine(h, v.group == inC ? 3001 : 3002)
            }
            if !v.isWeighted && v.constantInputs > 0 { h = StableHash.combine(h, 4000) }
            if channels, let s = v.outputShape, s.count > 1 { h = StableHash.combine(h, 5000 &+ s[1]) }
            return h
        }
    }

    /// Appends the labels of rounds 0...`iterations` to `keys` (a hash of round, family and
    /// label per vertex and round).
    static func accumulate(_ g: ComputeGraph, iterations: Int, channels: Bool, family: UInt64,
                           into keys: inout [UInt64]) {
        var labels = baseLabels(g, channels: channels)
        let n = labels.count
        guard n > 0 else { return }
        var next = labels
        var buffer: [UInt64] = []
        for round in 0...max(0, iterations) {
            let roundKey = StableHash.combine(family, round)
            for l in labels { keys.append(StableHash.combine(roundKey, l)) }
            if round == iterations { break }
            for k in 0..<n {
                let v = g.vertices[k]
                var h = StableHash.combine(labels[k], 0x5052_4544)  // "PRED"
                buffer.removeAll(keepingCapacity: true)
                for p in v.predecessors { buffer.append(p >= 0 ? labels[p] : inputLabel) }
                buffer.sort()
                for x in buffer { h = StableHash.combine(h, x) }
                h = StableHash.combine(h, 0x5355_4343)  // "SUCC"
                buffer.removeAll(keepingCapacity: true)
                for s in v.successors { buffer.append(labels[s]) }
                buffer.sort()
                for x in buffer { h = StableHash.combine(h, x) }
                next[k] = h
            }
            swap(&labels, &next)
        }
    }
}
