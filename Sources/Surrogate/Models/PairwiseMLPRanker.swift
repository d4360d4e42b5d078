import ONNXNetSupport

/// A two-hidden-layer ReLU network trained only to order pairs: for a pair where example i
/// is better than j the loss is max(0, margin - (s_i - s_j)), the paper's objective (margin
/// 0.1, at most `mlpPairsPerExample` x batch pairs drawn per batch). AdamW updates.
struct PairwiseMLPRanker: Ranker {
    var kind: RankerKind { .pairwiseMLP }
    let inputWidth: Int
    let hidden1: Int
    let hidden2: Int
    /// Row-major weight matrices (out x in) and biases.
    var w1: [Float], b1: [Float]
    var w2: [Float], b2: [Float]
    var w3: [Float], b3: Float

    func score(_ input: RankerInput) -> Double {
        var h1 = [Float](repeating: 0, count: hidden1)
        var h2 = [Float](repeating: 0, count: hidden2)
        input.row.withUnsafeBufferPointer { x in
            Self.layer(w1, b1, x, inputWidth, &h1)
        }
        h1.withUnsafeBufferPointer { x in Self.layer(w2, b2, x, hidden1, &h2) }
        var s = b3
        for k in 0..<hidden2 { s += w3[k] * h2[k] }
        return Double(s)
    }

    /// out = relu(W x + b).
    @inline(__always)
    static func layer(_ w: [Float], _ b: [Float], _ x: UnsafeBufferPointer<Float>, _ width: Int, _ out: inout [Float]) {
        let n = min(width, x.count)
        w.withUnsafeBufferPointer { wp in
            for o in 0..<out.count {
                var s = b[o]
                let row = wp.baseAddress! + o * width
                for i in 0..<n { s += row[i] * x[i] }
                out[o] = max(0, s)
            }
        }
    }

    // MARK: fitting

    static func fit(_ data: RankerTrainingData, hyperparameters h: RankerHyperparameters, seed: UInt64) -> PairwiseMLPRanker {
        let n = data.count, d = data.width
        let h1 = max(4, h.mlpHidden), h2 = max(2, h.mlpHidden / 2)
        var rng = SeededGenerator(seed: seed)
        func initial(_ count: Int, fanIn: Int) -> [Float] {
            let bound = (6.0 / Double(max(fanIn, 1))).squareRoot()
            return (0..<count).map { _ in Float((rng.uniform() * 2 - 1) * bound) }
        }
        var net = PairwiseMLPRanker(inputWidth: d, hidden1: h1, hidden2: h2,
                                    w1: initial(h1 * d, fanIn: d), b1: [Float](repeating: 0, count: h1),
                                    w2: initial(h2 * h1, fanIn: h1), b2: [Float](repeating: 0, count: h2),
                                    w3: initial(h2, fanIn: h2), b3: 0)
        guard n >= 2 else { return net }
        var adam = AdamState(sizes: [net.w1.count, net.b1.count, net.w2.count, net.b2.count, net.w3.count, 1])
        let batch = min(max(2, h.mlpBatch), n)
        let pairsWanted = max(1, h.mlpPairsPerExample) * batch
        let margin = h.mlpMargin
        let y = data.targets

        // Work buffers for one batch.
        var x = [Float](repeating: 0, count: batch * d)
        var a1 = [Float](repeating: 0, count: batch * h1)
        var a2 = [Float](repeating: 0, count: batch * h2)
        var s = [Float](repeating: 0, count: batch)
        var ds = [Float](repeating: 0, count: batch)
        var g1 = [Float](repeating: 0, count: batch * h1)
        var g2 = [Float](repeating: 0, count: batch * h2)
        var gw1 = [Float](repeating: 0, count: h1 * d), gb1 = [Float](repeating: 0, count: h1)
        var gw2 = [Float](repeating: 0, count: h2 * h1), gb2 = [Float](repeating: 0, count: h2)
        var gw3 = [Float](repeating: 0, count: h2)
        var order = Array(0..<n)
        var cursor = n
        var members = [Int](repeating: 0, count: batch)
        var unused: [Float] = []

        for _ in 0..<max(0, h.mlpSteps) {
            for k in 0..<batch {
                if cursor >= n { rng.shuffle(&order); cursor = 0 }
                members[k] = order[cursor]; cursor += 1
            }
            for k in 0..<batch {
                let r = members[k]
                for j in 0..<d { x[k * d + j] = data.rows[r * d + j] }
            }
            // Forward.
            forward(net.w1, net.b1, x, batch, d, h1, &a1)
            forward(net.w2, net.b2, a1, batch, h1, h2, &a2)
            for k in 0..<batch {
                var v = net.b3
                for o in 0..<h2 { v += net.w3[o] * a2[k * h2 + o] }
                s[k] = v
            }
            // Pairwise hinge loss on pairs drawn inside the batch.
            for k in 0..<batch { ds[k] = 0 }
            var used = 0, attempts = 0
            while used < pairsWanted && attempts < 4 * pairsWanted {
                attempts += 1
                let i = rng.below(batch), j = rng.below(batch)
                let yi = y[members[i]], yj = y[members[j]]
                if yi == yj { continue }
                used += 1
                let (hi, lo) = yi > yj ? (i, j) : (j, i)
                if Double(s[hi] - s[lo]) < margin {
                    ds[hi] -= 1
                    ds[lo] += 1
                }
            }
            guard used > 0 else { continue }
            let norm = 1 / Float(used)
            for k in 0..<batch { ds[k] *= norm }
            // Backward.
            for o in 0..<h2 { gw3[o] = 0 }
            var gb3: Float = 0
            for k in 0..<batch {
                gb3 += ds[k]
                for o in 0..<h2 {
                    gw3[o] += ds[k] * a2[k * h2 + o]
                    g2[k * h2 + o] = a2[k * h2 + o] > 0 ? ds[k] * net.w3[o] : 0
                }
            }
            backward(net.w2, a1, g2, batch, h1, h2, &gw2, &gb2, &g1, propagate: true)
            backward(net.w1, x, g1, batch, d, h1, &gw1, &gb1, &unused, propagate: false)
            adam.step(&net.w1, gw1, slot: 0, h)
            adam.step(&net.b1, gb1, slot: 1, h, decay: false)
            adam.step(&net.w2, gw2, slot: 2, h)
            adam.step(&net.b2, gb2, slot: 3, h, decay: false)
            adam.step(&net.w3, gw3, slot: 4, h)
            var b3 = [net.b3]
            adam.step(&b3, [gb3], slot: 5, h, decay: false)
            net.b3 = b3[0]
            adam.tick()
        }
        return net
    }

    /// out[k] = relu(W in[k] + b) for a batch.
    static func forward(_ w: [Float], _ b: [Float], _ input: [Float], _ batch: Int, _ inW: Int, _ outW: Int, _ out: inout [Float]) {
        w.withUnsafeBufferPointer { wp in
            input.withUnsafeBufferPointer { xp in
                out.withUnsafeMutableBufferPointer { op in
                    for k in 0..<batch {
                        let x = xp.baseAddress! + k * inW
                        for o in 0..<outW {
                            let row = wp.baseAddress! + o * inW
                            var s = b[o]
                            for i in 0..<inW { s += row[i] * x[i] }
                            op[k * outW + o] = max(0, s)
                        }
                    }
                }
            }
        }
    }

    /// Gradients of a ReLU layer given the gradient `g` at its pre-activation (already masked):
    /// weight and bias gradients, and (if `propagate`) the masked gradient at the input layer's
    /// pre-activation written into `inputGradient` (the input being a ReLU output).
    static func backward(_ w: [Float], _ input: [Float], _ g: [Float], _ batch: Int, _ inW: Int, _ outW: Int,
                         _ gw: inout [Float], _ gb: inout [Float], _ inputGradient: inout [Float], propagate: Bool) {
        for i in 0..<gw.count { gw[i] = 0 }
        for o in 0..<outW { gb[o] = 0 }
        input.withUnsafeBufferPointer { xp in
            gw.withUnsafeMutableBufferPointer { gwp in
                for k in 0..<batch {
                    let x = xp.baseAddress! + k * inW
                    for o in 0..<outW {
                        let go = g[k * outW + o]
                        if go == 0 { continue }
                        gb[o] += go
                        let row = gwp.baseAddress! + o * inW
                        for i in 0..<inW { row[i] += go * x[i] }
                    }
                }
            }
        }
        guard propagate else { return }
        w.withUnsafeBufferPointer { wp in
            for k in 0..<batch {
                for i in 0..<inW { inputGradient[k * inW + i] = 0 }
                for o in 0..<outW {
                    let go = g[k * outW + o]
                    if go == 0 { continue }
                    let row = wp.baseAddress! + o * inW
                    for i in 0..<inW { inputGradient[k * inW + i] += go * row[i] }
                }
                for i in 0..<inW where input[k * inW + i] <= 0 { inputGradient[k * inW + i] = 0 }
            }
        }
    }

    /// AdamW moments for the parameter groups.
    struct AdamState {
        var m: [[Float]]
        var v: [[Float]]
        var t = 1

        init(sizes: [Int]) {
            m = sizes.map { [Float](repeating: 0, count: $0) }
            v = sizes.map { [Float](repeating: 0, count: $0) }
        }

        mutating func step(_ p: inout [Float], _ g: [Float], slot: Int, _ h: RankerHyperparameters, decay: Bool = true) {
            let lr = Float(h.mlpLearningRate), wd = decay ? Float(h.mlpWeightDecay) : 0
            let b1: Float = 0.9, b2: Float = 0.999, eps: Float = 1e-8
            let c1 = 1 - pow(b1, t), c2 = 1 - pow(b2, t)
            for i in p.indices {
                m[slot][i] = b1 * m[slot][i] + (1 - b1) * g[i]
                v[slot][i] = b2 * v[slot][i] + (1 - b2) * g[i] * g[i]
                let mh = m[slot][i] / c1, vh = v[slot][i] / c2
                p[i] -= lr * (mh / (vh.squareRoot() + eps) + wd * p[i])
            }
        }

        mutating func tick() { t += 1 }

        func pow(_ x: Float, _ n: Int) -> Float {
            var r: Float = 1
            var base = x, e = n
            while e > 0 { if e & 1 == 1 { r *= base }; base *= base; e >>= 1 }
            return r
        }
    }

    // MARK: file

    func write(to w: inout BinaryWriter) {
        w.int(inputWidth); w.int(hidden1); w.int(hidden2)
        w.f32s(w1); w.f32s(b1); w.f32s(w2); w.f32s(b2); w.f32s(w3); w.f32(b3)
    }

    static func read(from r: inout BinaryReader, design: FeatureDesign) throws(SurrogateFileError) -> PairwiseMLPRanker {
        let at = r.offset
        let d = try r.int("mlp input width", range: 0...100_000)
        let h1 = try r.int("mlp hidden 1", range: 1...4096)
        let h2 = try r.int("mlp hidden 2", range: 1...4096)
        let net = PairwiseMLPRanker(inputWidth: d, hidden1: h1, hidden2: h2,
                                    w1: try r.f32s("mlp w1"), b1: try r.f32s("mlp b1"), w2: try r.f32s("mlp w2"),
                                    b2: try r.f32s("mlp b2"), w3: try r.f32s("mlp w3"), b3: try r.f32("mlp b3"))
        guard d == design.width, net.w1.count == h1 * d, net.b1.count == h1, net.w2.count == h2 * h1,
              net.b2.count == h2, net.w3.count == h2,
              [net.w1, net.b1, net.w2, net.b2, net.w3].allSatisfy({ $0.allSatisfy(\.isFinite) }), net.b3.isFinite else {
            throw .invalid(offset: at, reason: "network weights do not match its layer sizes")
        }
        return net
    }
}
