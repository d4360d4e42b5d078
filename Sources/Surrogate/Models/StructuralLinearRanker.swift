/// Ridge regression on the standardised structural statistics only (sizes, depth and path
/// statistics, capacity, operator mix): no hashed features, so nothing tied to one search
/// space's operator vocabulary. A linear model extrapolates where trees go flat, which makes
/// this the member that still ranks networks unlike any in the training set. The penalty is
/// fixed and fairly strong: a penalty cross-validated within the training space fits that
/// space's quirks and transfers worse (measured on nb101-to-nb201). Solved in closed form
/// (the statistics are a few dozen columns).
struct StructuralLinearRanker: Ranker {
    var kind: RankerKind { .structuralLinear }
    var weights: [Double]
    var intercept: Double
    /// The penalty it was fitted with (kept for reports).
    var lambda: Double

    func score(_ input: RankerInput) -> Double {
        var s = intercept
        for j in 0..<min(weights.count, input.row.count) { s += weights[j] * Double(input.row[j]) }
        return s
    }

    static func fit(_ data: RankerTrainingData, hyperparameters h: RankerHyperparameters, seed: UInt64) -> StructuralLinearRanker {
        solve(data, rows: Array(0..<data.count), dimension: data.design.denseCount, lambda: max(h.linearLambda, 1e-9))
    }

    /// Minimises mean squared error + lambda |w|^2 over `rows` (centred, so the intercept is
    /// free) by Cholesky factorisation of the normal equations.
    static func solve(_ data: RankerTrainingData, rows: [Int], dimension d: Int, lambda: Double) -> StructuralLinearRanker {
        let n = Double(max(rows.count, 1))
        var mean = [Double](repeating: 0, count: d)
        var yMean = 0.0
        for i in rows {
            let r = data.row(i)
            var j = 0
            for x in r.prefix(d) { mean[j] += Double(x); j += 1 }
            yMean += data.targets[i]
        }
        for j in 0..<d { mean[j] /= n }
        yMean /= n
        var a = [Double](repeating: 0, count: d * d)
        var b = [Double](repeating: 0, count: d)
        var x = [Double](repeating: 0, count: d)
        for i in rows {
            let r = data.row(i)
            var j = 0
            for v in r.prefix(d) { x[j] = Double(v) - mean[j]; j += 1 }
            let y = data.targets[i] - yMean
            for p in 0..<d {
                let xp = x[p]
                if xp == 0 { continue }
                b[p] += xp * y
                for q in p..<d { a[p * d + q] += xp * x[q] }
            }
        }
        for p in 0..<d {
            for q in p..<d { a[p * d + q] /= n; a[q * d + p] = a[p * d + q] }
            b[p] /= n
            a[p * d + p] += lambda
        }
        let w = Cholesky.solve(a, b, dimension: d) ?? [Double](repeating: 0, count: d)
        var intercept = yMean
        for j in 0..<d { intercept -= w[j] * mean[j] }
        return StructuralLinearRanker(weights: w, intercept: intercept, lambda: lambda)
    }

    func write(to w: inout BinaryWriter) {
        w.f64s(weights)
        w.f64(intercept)
        w.f64(lambda)
    }

    static func read(from r: inout BinaryReader, design: FeatureDesign) throws(SurrogateFileError) -> StructuralLinearRanker {
        let at = r.offset
        let w = try r.f64s("linear weights")
        let intercept = try r.finiteF64("linear intercept")
        let lambda = try r.finiteF64("linear penalty")
        guard w.count == design.denseCount, w.allSatisfy(\.isFinite) else {
            throw .invalid(offset: at, reason: "linear weights do not match the structural features")
        }
        return StructuralLinearRanker(weights: w, intercept: intercept, lambda: lambda)
    }
}

/// Solves A x = b for a symmetric positive definite A (row-major d x d).
enum Cholesky {
    static func solve(_ a: [Double], _ b: [Double], dimension d: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: d * d)
        for i in 0..<d {
            for j in 0...i {
                var s = a[i * d + j]
                for k in 0..<j { s -= l[i * d + k] * l[j * d + k] }
                if i == j {
                    guard s > 0 else { return nil }
                    l[i * d + i] = s.squareRoot()
                } else {
                    l[i * d + j] = s / l[j * d + j]
                }
            }
        }
        var y = [Double](repeating: 0, count: d)
        for i in 0..<d {
            var s = b[i]
            for k in 0..<i { s -= l[i * d + k] * y[k] }
            y[i] = s / l[i * d + i]
        }
        var x = [Double](repeating: 0, count: d)
        for i in stride(from: d - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<d { s -= l[k * d + i] * x[k] }
            x[i] = s / l[i * d + i]
        }
        return x
    }
}
