/// Turns feature vectors into the fixed-width numeric rows the tree and network rankers fit:
/// all structural statistics plus the hashed features that vary most across the training set,
/// each standardised with the training mean and deviation. Fitted once per training set and
/// shared by every ranker of an ensemble.
struct FeatureDesign: Sendable, Equatable {
    var denseCount: Int
    /// Hashed indices used as columns, ascending.
    var hashedColumns: [Int32]
    var mean: [Double]
    var scale: [Double]

    var width: Int { denseCount + hashedColumns.count }

    /// Smallest deviation a column is divided by, so that a feature nearly constant in
    /// training cannot turn a small difference into a huge input.
    static let minimumScale = 1e-3

    static func fit(_ rows: [FeatureVector], maxHashedColumns: Int) -> FeatureDesign {
        let n = rows.count
        let denseCount = rows.first?.dense.count ?? StructuralFeatures.count
        // Support and moments of every hashed column seen in training.
        var stats: [Int32: (count: Int, sum: Double, squares: Double)] = [:]
        for r in rows {
            for (k, i) in r.indices.enumerated() {
                let v = Double(r.values[k])
                let s = stats[i] ?? (0, 0, 0)
                stats[i] = (s.count + 1, s.sum + v, s.squares + v * v)
            }
        }
        let minSupport = max(2, n / 200)
        var candidates: [(index: Int32, variance: Double)] = []
        for (i, s) in stats where s.count >= minSupport {
            let m = s.sum / Double(max(n, 1))
            let variance = s.squares / Double(max(n, 1)) - m * m
            if variance > 1e-9 { candidates.append((i, variance)) }
        }
        candidates.sort { $0.variance != $1.variance ? $0.variance > $1.variance : $0.index < $1.index }
        let columns = candidates.prefix(max(0, maxHashedColumns)).map(\.index).sorted()

        var design = FeatureDesign(denseCount: denseCount, hashedColumns: columns, mean: [], scale: [])
        let width = design.width
        var sum = [Double](repeating: 0, count: width), squares = [Double](repeating: 0, count: width)
        var row = [Double](repeating: 0, count: width)
        for r in rows {
            design.raw(r, into: &row)
            for j in 0..<width { sum[j] += row[j]; squares[j] += row[j] * row[j] }
        }
        let count = Double(max(n, 1))
        design.mean = sum.map { $0 / count }
        design.scale = (0..<width).map { j in
            let m = sum[j] / count
            return max(Self.minimumScale, (squares[j] / count - m * m).squareRoot())
        }
        return design
    }

    /// Unscaled column values of one vector.
    func raw(_ v: FeatureVector, into row: inout [Double]) {
        for j in 0..<denseCount { row[j] = j < v.dense.count ? v.dense[j] : 0 }
        // Both index lists are sorted: one merge pass.
        var a = 0, b = 0
        while b < hashedColumns.count {
            let want = hashedColumns[b]
            while a < v.indices.count && v.indices[a] < want { a += 1 }
            row[denseCount + b] = a < v.indices.count && v.indices[a] == want ? Double(v.values[a]) : 0
            b += 1
        }
    }

    /// Standardised row.
    func row(_ v: FeatureVector) -> [Float] {
        var raw = [Double](repeating: 0, count: width)
        self.raw(v, into: &raw)
        var out = [Float](repeating: 0, count: width)
        for j in 0..<width { out[j] = Float((raw[j] - mean[j]) / scale[j]) }
        return out
    }

    /// Standardised rows, row-major.
    func matrix(_ rows: [FeatureVector]) -> [Float] {
        var out: [Float] = []
        out.reserveCapacity(rows.count * width)
        for r in rows { out.append(contentsOf: row(r)) }
        return out
    }

    func write(to w: inout BinaryWriter) {
        w.string("design")
        w.int(denseCount)
        w.i32s(hashedColumns)
        w.f64s(mean)
        w.f64s(scale)
    }

    static func read(from r: inout BinaryReader, hashedDimension: Int) throws(SurrogateFileError) -> FeatureDesign {
        try r.expectTag("design")
        let denseCount = try r.int("design dense count", range: 0...10_000)
        let at = r.offset
        let columns = try r.i32s("design columns")
        for (k, c) in columns.enumerated() where c < 0 || Int(c) >= hashedDimension || (k > 0 && columns[k - 1] >= c) {
            throw .invalid(offset: at, reason: "design column \(c) is out of order or outside the hashed dimension")
        }
        let mean = try r.f64s("design mean")
        let scale = try r.f64s("design scale")
        let width = denseCount + columns.count
        guard mean.count == width, scale.count == width, mean.allSatisfy(\.isFinite),
              scale.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw .invalid(offset: at, reason: "design statistics do not match its \(width) columns")
        }
        return FeatureDesign(denseCount: denseCount, hashedColumns: columns, mean: mean, scale: scale)
    }
}
