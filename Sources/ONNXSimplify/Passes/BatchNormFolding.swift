import ONNXModel

/// Folds an inference-mode BatchNormalization into the Conv that feeds it, as PyTorch's eval
/// export does: with `s = scale / sqrt(var + epsilon)` per output channel,
/// `W' = W * s` and `b' = (b - mean) * s + bias`. Only when the Conv's output is read by the
/// BatchNormalization alone and every parameter is a constant initializer. A BatchNormalization
/// without a Conv in front (NAS-Bench-201's last one) stays. Optionally (off by default, see
/// `SimplifyOptions.foldBatchNormIntoGemm`) also folds into a Gemm.
/// Arithmetic is done in float32 step by step, as the exporter does it, so that folded
/// weights match an eval export's bit for bit in the common case.
struct BatchNormFolding: SimplifyPass {
    let name = "batchnorm_folding"

    private struct Params {
        var scale: [Double], bias: [Double], mean: [Double], variance: [Double]
        var epsilon: Double
        var type: DataType
    }

    func run(_ model: inout Model, context: PassContext) throws -> PassOutcome {
        var outcome = PassOutcome()
        guard context.options.foldBatchNorm else { return outcome }
        var graph = model.graph
        var names = NameAllocator(graph)
        var removed = Set<Int>()
        // One index for the whole pass: a fold only rewires its own Conv and BatchNormalization
        // and writes initializers that no other candidate reads (shared ones get new names), so
        // what later candidates look up stays true.
        let gi = GraphIndex(graph)
        var initializerSlots = gi.initializerIndex
        for b in graph.nodes.indices {
            let bn = graph.nodes[b]
            guard bn.isDefaultDomain, bn.opType == "BatchNormalization", bn.inputs.count == 5, bn.outputs.count == 1,
                  (bn.attribute("training_mode")?.i ?? 0) == 0, (bn.attribute("spatial")?.i ?? 1) == 1,
                  bn.attribute("is_test") == nil, bn.attribute("consumed_inputs") == nil,
                  let x = bn.inputs.first, let p = gi.producer[x], !removed.contains(p),
                  gi.useCount(x) == 1, !gi.isPinned(x) else { continue }
            let producer = graph.nodes[p]
            guard producer.isDefaultDomain, !producer.hasSubgraph, producer.outputs.count == 1 else { continue }
            let folded: Bool
            switch producer.opType {
            case "Conv":
                folded = foldIntoConv(conv: p, bn: b, graph: &graph, gi: gi, names: &names, slots: &initializerSlots)
            case "Gemm" where context.options.foldBatchNormIntoGemm:
                folded = foldIntoGemm(gemm: p, bn: b, graph: &graph, gi: gi, names: &names, slots: &initializerSlots)
            default:
                folded = false
            }
            guard folded else { continue }
            removed.insert(b)
            outcome.changes += 1
        }
        graph.removeNodes(removed)
        model.graph = graph
        return outcome
    }

    /// BatchNormalization's four parameter vectors (length `channels`) and epsilon.
    private func params(_ bn: Node, channels: Int64, type: DataType, graph: Graph, gi: GraphIndex) -> Params? {
        var vectors: [[Double]] = []
        for name in bn.inputs[1...4] {
            guard gi.isConstantInitializer(name), let i = gi.initializerIndex[name] else { return nil }
            let t = graph.initializers[i]
            guard t.dataType == type, t.elementCount == Int(channels), t.dims.count <= 1,
                  let v = try? t.doubleValues() else { return nil }
            vectors.append(v)
        }
        let eps = Double(bn.attribute("epsilon")?.f ?? 1e-5)
        return Params(scale: vectors[0], bias: vectors[1], mean: vectors[2], variance: vectors[3], epsilon: eps, type: type)
    }

    /// Per-channel multiplier, rounded like the element type at each step.
    private func multipliers(_ p: Params) -> [Double] {
        let r = { (x: Double) in ConstantValue.round(x, to: p.type) }
        let eps = r(p.epsilon)
        return p.scale.indices.map { c in
            let sd = r(r(p.variance[c] + eps).squareRoot())
            return r(p.scale[c] / sd)
        }
    }

    private func foldedBias(_ p: Params, multipliers s: [Double], previous: [Double]?) -> [Double] {
        let r = { (x: Double) in ConstantValue.round(x, to: p.type) }
        return s.indices.map { c in r(r(r((previous?[c] ?? 0) - p.mean[c]) * s[c]) + p.bias[c]) }
    }

    private func foldIntoConv(conv c: Int, bn b: Int, graph: inout Graph, gi: GraphIndex, names: inout NameAllocator,
                              slots: inout [String: Int]) -> Bool {
        let conv = graph.nodes[c], bn = graph.nodes[b]
        guard conv.inputs.count >= 2, conv.inputs.count <= 3, gi.isConstantInitializer(conv.inputs[1]),
              let wi = gi.initializerIndex[conv.inputs[1]] else { return false }
        let w = graph.initializers[wi]
        guard w.dataType == .float || w.dataType == .double, w.dims.count >= 3, let m = w.dims.first, m > 0,
              let wv = try? w.doubleValues(), !wv.isEmpty,
              let p = params(bn, channels: m, type: w.dataType, graph: graph, gi: gi) else { return false }
        var previousBias: [Double]?
        if conv.inputs.count == 3, !conv.inputs[2].isEmpty {
            guard gi.isConstantInitializer(conv.inputs[2]), let bi = gi.initializerIndex[conv.inputs[2]],
                  graph.initializers[bi].dataType == w.dataType, graph.initializers[bi].elementCount == Int(m),
                  let bv = try? graph.initializers[bi].doubleValues() else { return false }
            previousBias = bv
        }
        let s = multipliers(p)
        let perChannel = wv.count / Int(m)
        var newW = wv
        for k in newW.indices { newW[k] = ConstantValue.round(newW[k] * s[k / perChannel], to: w.dataType) }
        let newB = foldedBias(p, multipliers: s, previous: previousBias)

        let wName = soleUse(w.name, gi) ? w.name : names.fresh(w.name + "_bn_folded")
        let oldBias = conv.inputs.count == 3 && !conv.inputs[2].isEmpty ? conv.inputs[2] : nil
        let bName = oldBias.flatMap { soleUse($0, gi) ? $0 : nil } ?? names.fresh(wName + "_bias")
        Self.set(ConstantValue(doubles: newW, dims: w.dims, type: w.dataType).tensor(named: wName), in: &graph, slots: &slots)
        Self.set(ConstantValue(doubles: newB, dims: [m], type: w.dataType).tensor(named: bName), in: &graph, slots: &slots)
        graph.nodes[c].inputs = [conv.inputs[0], wName, bName]
        graph.nodes[c].outputs = bn.outputs
        return true
    }

    /// Replaces the initializer of that name, or appends it, keeping `slots` (name -> index) current.
    private static func set(_ t: Tensor, in graph: inout Graph, slots: inout [String: Int]) {
        if let i = slots[t.name] {
            graph.initializers[i] = t
        } else {
            slots[t.name] = graph.initializers.count
            graph.initializers.append(t)
        }
    }

    /// An initializer only this node reads can be rewritten under its own name.
    private func soleUse(_ name: String, _ gi: GraphIndex) -> Bool {
        gi.useCount(name) == 1 && !gi.isPinned(name)
    }

    private func foldIntoGemm(gemm g: Int, bn b: Int, graph: inout Graph, gi: GraphIndex, names: inout NameAllocator,
                              slots: inout [String: Int]) -> Bool {
        let gemm = graph.nodes[g], bn = graph.nodes[b]
        guard gemm.inputs.count >= 2, gi.isConstantInitializer(gemm.inputs[1]),
              let wi = gi.initializerIndex[gemm.inputs[1]] else { return false }
        let w = graph.initializers[wi]
        let transB = (gemm.attribute("transB")?.i ?? 0) != 0
        guard w.dataType == .float || w.dataType == .double, w.dims.count == 2,
              let wv = try? w.doubleValues() else { return false }
        let m = transB ? w.dims[0] : w.dims[1]
        guard m > 0, let p = params(bn, channels: m, type: w.dataType, graph: graph, gi: gi) else { return false }
        let beta = Double(gemm.attribute("beta")?.f ?? 1)
        var previous: [Double]?
        var biasDims: [Int64] = [m]
        if gemm.inputs.count == 3, !gemm.inputs[2].isEmpty {
            guard gi.isConstantInitializer(gemm.inputs[2]), let ci = gi.initializerIndex[gemm.inputs[2]] else { return false }
            let c = graph.initializers[ci]
            guard c.dataType == w.dataType, let cv = try? c.doubleValues() else { return false }
            switch c.dims {
            case [], [1]: previous = [Double](repeating: cv[0] * beta, count: Int(m))
            case [m]: previous = cv.map { $0 * beta }
            case [1, m]: previous = cv.map { $0 * beta }; biasDims = [1, m]
            default: return false
            }
        }
        let s = multipliers(p)
        var newW = wv
        for k in newW.indices {
            let j = transB ? k / Int(w.dims[1]) : k % Int(m)
            newW[k] = ConstantValue.round(newW[k] * s[j], to: w.dataType)
        }
        let newC = foldedBias(p, multipliers: s, previous: previous)
        let wName = soleUse(w.name, gi) ? w.name : names.fresh(w.name + "_bn_folded")
        let cName = names.fresh(wName + "_bias")
        Self.set(ConstantValue(doubles: newW, dims: w.dims, type: w.dataType).tensor(named: wName), in: &graph, slots: &slots)
        Self.set(ConstantValue(doubles: newC, dims: biasDims, type: w.dataType).tensor(named: cName), in: &graph, slots: &slots)
        graph.nodes[g].inputs = [gemm.inputs[0], wName, cName]
        graph.nodes[g].outputs = bn.outputs
        if let k = gemm.attributes.firstIndex(where: { $0.name == "beta" }) { graph.nodes[g].attributes[k].f = 1 }
        return true
    }
}
