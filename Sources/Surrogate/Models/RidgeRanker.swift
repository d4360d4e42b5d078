/// Ridge regression on the standardised structural statistics and all hashed features,
/// solved by conjugate gradients on the normal equations without ever forming them (the
/// hashed part is sparse; the centring is applied implicitly so it stays sparse).
struct RidgeRanker: Ranker {
    var kind: RankerKind { .ridge }
    /// Weights on the standardised structural columns (the first `denseWeights.count` of a
    /// design row).
    var denseWeights: [Double]
    /// Weights on raw hashed values (scale folded in), ascending indices.
    var hashedIndices: [Int32]
    var hashedWeights: [Double]
    var intercept: Double
    /// `hashedWeights` spread over the whole hashed dimension, so that scoring is one lookup
    /// per feature rather than a merge with tens of thousands of weights.
    let lookup: [Double]

    init(denseWeights: [Double], hashedIndices: [Int32], hashedWeights: [Double], intercept: Double, hashedDimension: Int) {
        self.denseWeights = denseWeights
        self.hashedIndices = hashedIndices
        self.hashedWeights = hashedWeights
        self.intercept = intercept
        var table = [Double](repeating: 0, count: hashedDimension)
        for (k, i) in hashedIndices.enumerated() where Int(i) < hashedDimension { table[Int(i)] = hashedWeights[k] }
        lookup = table
    }

    static func fit(_ data: RankerTrainingData, hyperparameters h: RankerHyperparameters, seed: UInt64) -> RidgeRanker {
        let n = data.count
        let d0 = data.design.denseCount
        // Compact the hashed columns seen in training.
        var columnOf: [Int32: Int] = [:]
        for f in data.features { for i in f.indices where columnOf[i] == nil { columnOf[i] = 0 } }
        let hashed = columnOf.keys.sorted()
        for (k, i) in hashed.enumerated() { columnOf[i] = d0 + k }
        let d = d0 + hashed.count
        let alpha = h.ridgeSparseScale

        // Rows in CSR form: structural columns first, then the hashed ones.
        var start = [Int](repeating: 0, count: n + 1)
        var cols: [Int32] = []
        var vals: [Double] = []
        cols.reserveCapacity(n * (d0 + 64))
        vals.reserveCapacity(n * (d0 + 64))
        for r in 0..<n {
            let row = data.row(r)
            var j = 0
            for x in row.prefix(d0) { cols.append(Int32(j)); vals.append(Double(x)); j += 1 }
            let f = data.features[r]
            for (k, i) in f.indices.enumerated() {
                cols.append(Int32(columnOf[i]!))
                vals.append(alpha * Double(f.values[k]))
            }
            start[r + 1] = cols.count
        }
        var mu = [Double](repeating: 0, count: d)
        for k in 0..<cols.count { mu[Int(cols[k])] += vals[k] }
        for j in 0..<d { mu[j] /= Double(max(n, 1)) }
        let yMean = data.targets.reduce(0, +) / Double(max(n, 1))
        let y = data.targets.map { $0 - yMean }
        let lambda = max(h.ridgeLambda, 1e-9)
        let invN = 1 / Double(max(n, 1))

        // A w = (Xc^T Xc / n + lambda I) w
        var u = [Double](repeating: 0, count: n)
        func apply(_ w: [Double], _ out: inout [Double]) {
            var shift = 0.0
            for j in 0..<d { shift += mu[j] * w[j] }
            var uSum = 0.0
            for r in 0..<n {
                var s = 0.0
                for k in start[r]..<start[r + 1] { s += vals[k] * w[Int(cols[k])] }
                u[r] = s - shift
                uSum += u[r]
            }
            for j in 0..<d { out[j] = -mu[j] * uSum }
            for r in 0..<n {
                let ur = u[r]
                for k in start[r]..<start[r + 1] { out[Int(cols[k])] += vals[k] * ur }
            }
            for j in 0..<d { out[j] = out[j] * invN + lambda * w[j] }
        }
        // b = Xc^T y / n (y is centred, so the mean term vanishes).
        var b = [Double](repeating: 0, count: d)
        for r in 0..<n { for k in start[r]..<start[r + 1] { b[Int(cols[k])] += vals[k] * y[r] } }
        for j in 0..<d { b[j] *= invN }

        var w = [Double](repeating: 0, count: d)
        var res = b
        var p = res
        var ap = [Double](repeating: 0, count: d)
        var rr = dot(res, res)
        let tolerance = 1e-12 * max(rr, 1e-300)
        for _ in 0..<max(1, h.ridgeIterations) {
            if rr <= tolerance { break }
            apply(p, &ap)
            let pap = dot(p, ap)
            guard pap > 0 else { break }
            let step = rr / pap
            for j in 0..<d { w[j] += step * p[j]; res[j] -= step * ap[j] }
            let next = dot(res, res)
            let beta = next / rr
            rr = next
            for j in 0..<d { p[j] = res[j] + beta * p[j] }
        }
        var intercept = yMean
        for j in 0..<d { intercept -= mu[j] * w[j] }
        return RidgeRanker(denseWeights: Array(w[0..<d0]), hashedIndices: hashed,
                           hashedWeights: (0..<hashed.count).map { alpha * w[d0 + $0] }, intercept: intercept,
                           hashedDimension: data.hashedDimension)
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += a[i] * b[i] }
        return s
    }

    func score(_ input: RankerInput) -> Double {
        var s = intercept
        for j in 0..<min(denseWeights.count, input.row.count) { s += denseWeights[j] * Double(input.row[j]) }
        let f = input.features
        lookup.withUnsafeBufferPointer { w in
            for (k, i) in f.indices.enumerated() where Int(i) < w.count { s += Double(f.values[k]) * w[Int(i)] }
        }
        return s
    }

    func write(to w: inout BinaryWriter) {
        w.f64s(denseWeights)
        w.i32s(hashedIndices)
        w.f64s(hashedWeights)
        w.f64(intercept)
    }

    static func read(from r: inout BinaryReader, design: FeatureDesign, hashedDimension: Int) throws(SurrogateFileError) -> RidgeRanker {
        let at = r.offset
        let dense = try r.f64s("ridge dense weights")
        let indices = try r.i32s("ridge hashed indices")
        let weights = try r.f64s("ridge hashed weights")
        let intercept = try r.finiteF64("ridge intercept")
        guard dense.count == design.denseCount, indices.count == weights.count,
              dense.allSatisfy(\.isFinite), weights.allSatisfy(\.isFinite) else {
            throw .invalid(offset: at, reason: "ridge weights do not match the feature layout")
        }
        for (k, i) in indices.enumerated() where i < 0 || Int(i) >= hashedDimension || (k > 0 && indices[k - 1] >= i) {
            throw .invalid(offset: at, reason: "ridge hashed index \(i) is out of order or out of range")
        }
        return RidgeRanker(denseWeights: dense, hashedIndices: indices, hashedWeights: weights, intercept: intercept,
                           hashedDimension: hashedDimension)
    }
}
