import ONNXModel

/// Removes nodes that, at inference, hand one of their inputs through unchanged: Identity,
/// Dropout, Cast to the same type, Reshape/Expand/Flatten to the same shape, Transpose by the
/// identity permutation, Pad by nothing, single-input Concat, and `x + 0`, `x - 0`, `x * 1`,
/// `x / 1` where the constant's broadcast does not change `x`'s shape (as onnx-simplifier's
/// `eliminate_nop_with_unit`). `x * 0` is kept: it is not the identity (NaN, Inf) and
/// onnx-simplifier keeps it too (NAS-Bench-201's `none` edge).
struct NoOpRemoval: SimplifyPass {
    let name = "no_op_removal"
    let needsFacts = true

    func run(_ model: inout Model, context: PassContext) throws -> PassOutcome {
        var outcome = PassOutcome()
        var graph = model.graph
        let gi = GraphIndex(graph)
        var constants = ConstantCache(graph: graph, index: gi, limit: context.options.maxFoldedElements)

        // Readers of a removed node's output read `alias[output]` instead.
        var alias: [String: String] = [:]
        var removed = Set<Int>()
        var pinnedCandidates: [(node: Int, output: String, input: String)] = []
        for (i, node) in graph.nodes.enumerated() {
            guard let input = passThroughInput(node, gi: gi, facts: context.facts, constants: &constants,
                                               options: context.options, notes: &outcome.notes),
                  let output = node.outputs.first, !output.isEmpty else { continue }
            if gi.isPinned(output) {
                pinnedCandidates.append((i, output, input))
            } else {
                alias[output] = input
                removed.insert(i)
            }
        }
        func resolve(_ name: String) -> String {
            var n = name
            var steps = 0
            while let next = alias[n], steps < alias.count { n = next; steps += 1 }
            return n
        }
        if !removed.isEmpty {
            for i in graph.nodes.indices {
                for j in graph.nodes[i].inputs.indices where alias[graph.nodes[i].inputs[j]] != nil {
                    graph.nodes[i].inputs[j] = resolve(graph.nodes[i].inputs[j])
                }
            }
            graph.removeNodes(removed)
            outcome.changes = removed.count
        } else {
            // Outputs the outside world reads by name keep it: the producer of the input is
            // renamed instead. One at a time, from the back so that indices stay valid; a
            // candidate whose input an earlier rename took is left for the next round.
            for c in pinnedCandidates.reversed() {
                if Bypass.remove(node: c.node, output: c.output, input: c.input, in: &graph, index: GraphIndex(graph)) {
                    outcome.changes += 1
                }
            }
        }
        model.graph = graph
        return outcome
    }

    /// The input a node passes through unchanged, or nil if it is not (provably) a no-op.
    private func passThroughInput(_ node: Node, gi: GraphIndex, facts: ValueFacts, constants: inout ConstantCache,
                                  options: SimplifyOptions, notes: inout [String]) -> String? {
        guard node.isDefaultDomain, !node.hasSubgraph, let x = node.inputs.first, !x.isEmpty,
              let y = node.outputs.first, !y.isEmpty else { return nil }
        // Every output beyond the first must be unused (Dropout's mask).
        for extra in node.outputs.dropFirst() where !extra.isEmpty && gi.isUsed(extra) { return nil }
        let n = node.inputs.count
        switch node.opType {
        case "Identity":
            return node.outputs.count == 1 ? x : nil
        case "Dropout":
            // Dropout-12+: training_mode input; absent or false means inference.
            if n > 2, !node.inputs[2].isEmpty {
                guard let t = constants.value(node.inputs[2]), t.count == 1 else { return nil }
                if t.ints[0] != 0 {
                    guard options.inferenceMode else { return nil }
                    notes.append("Dropout \(node.name.isEmpty ? y : node.name) in training mode removed (inference form)")
                }
            }
            return x
        case "Cast":
            guard node.outputs.count == 1, let to = node.attribute("to")?.i,
                  let t = facts.elementType(x), Int64(t.rawValue) == to else { return nil }
            return x
        case "Reshape":
            guard n >= 2, let dims = facts.fixedShape(x), let s = constants.value(node.inputs[1]),
                  ConstantValue.isInteger(s.dataType),
                  let out = ConstantEvaluator.reshapedDims(input: dims, requested: s.ints,
                                                           allowZero: (node.attribute("allowzero")?.i ?? 0) != 0),
                  out == dims else { return nil }
            return x
        case "Expand":
            guard n >= 2, let shape = facts.shape(x), let s = constants.value(node.inputs[1]),
                  ConstantValue.isInteger(s.dataType), Self.broadcastKeeps(shape, s.ints) else { return nil }
            return x
        case "Flatten":
            guard let dims = facts.fixedShape(x) else { return nil }
            var a = node.attribute("axis")?.i ?? 1
            if a < 0 { a += Int64(dims.count) }
            guard a >= 0, a <= Int64(dims.count) else { return nil }
            let out = [dims[..<Int(a)].reduce(Int64(1), &*), dims[Int(a)...].reduce(Int64(1), &*)]
            return out == dims ? x : nil
        case "Transpose":
            guard let r = facts.rank(x) else { return nil }
            let perm = node.attribute("perm")?.ints ?? (0..<r).reversed().map(Int64.init)
            return perm == (0..<r).map(Int64.init) ? x : nil
        case "Pad":
            let pads: [Int64]
            if let a = node.attribute("pads") {
                pads = a.ints
            } else {
                guard n >= 2, let p = constants.value(node.inputs[1]), ConstantValue.isInteger(p.dataType) else { return nil }
                pads = p.ints
            }
            return pads.allSatisfy { $0 == 0 } ? x : nil
        case "Concat":
            return n == 1 ? x : nil
        case "Add", "Sub", "Mul", "Div":
            guard n == 2 else { return nil }
            let unit: Double = node.opType == "Add" || node.opType == "Sub" ? 0 : 1
            let commutative = node.opType == "Add" || node.opType == "Mul"
            for (dataSlot, constSlot) in commutative ? [(0, 1), (1, 0)] : [(0, 1)] {
                let data = node.inputs[dataSlot], c = node.inputs[constSlot]
                guard !data.isEmpty, let v = constants.value(c), v.doubles.allSatisfy({ $0 == unit }),
                      let shape = facts.shape(data), Self.broadcastKeeps(shape, v.dims),
                      facts.elementType(data) == v.dataType else { continue }
                return data
            }
            return nil
        default:
            return nil
        }
    }

    /// Whether broadcasting a tensor of `dims` against `shape` leaves `shape` unchanged.
    static func broadcastKeeps(_ shape: TensorShape, _ dims: [Int64]) -> Bool {
        guard dims.count <= shape.rank else { return false }
        let offset = shape.rank - dims.count
        for (i, d) in dims.enumerated() where d != 1 {
            guard shape.dims[offset + i].fixedValue == d else { return false }
        }
        return true
    }
}

/// Decoded small constant initializers, looked up by name.
struct ConstantCache {
    private let graph: Graph
    private let index: GraphIndex
    private let limit: Int
    private var cache: [String: ConstantValue?] = [:]

    init(graph: Graph, index: GraphIndex, limit: Int) {
        self.graph = graph
        self.index = index
        self.limit = limit
    }

    mutating func value(_ name: String) -> ConstantValue? {
        if let hit = cache[name] { return hit }
        var v: ConstantValue?
        if index.isConstantInitializer(name), let i = index.initializerIndex[name] {
            let t = graph.initializers[i]
            if let n = t.elementCount, n <= limit { v = ConstantValue(t) }
        }
        cache[name] = v
        return v
    }
}
