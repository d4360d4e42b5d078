import ONNXNetSupport

/// Says when a model lies far from everything the surrogate was trained on: the mean
/// Euclidean distance from its standardised structural statistics to the k nearest of a
/// sample of training models, divided by the 99th percentile of the same distance among the
/// training sample itself (each point against the others). A score above 1 is rarer than 1
/// in 100 training models: out of distribution.
struct DistanceOutlierDetector: Sendable, Equatable {
    var neighbours: Int
    var width: Int
    /// Reference points, row-major.
    var reference: [Float]
    var threshold: Double

    static let sampleSize = 500
    static let percentile = 0.99

    static func fit(rows: [[Float]], neighbours: Int = 5, seed: UInt64) -> DistanceOutlierDetector {
        var rng = SeededGenerator(seed: seed)
        var chosen = Array(rows.indices)
        rng.shuffle(&chosen)
        chosen = Array(chosen.prefix(sampleSize)).sorted()
        let width = rows.first?.count ?? 0
        var reference: [Float] = []
        reference.reserveCapacity(chosen.count * width)
        for i in chosen { reference.append(contentsOf: rows[i]) }
        var detector = DistanceOutlierDetector(neighbours: max(1, min(neighbours, chosen.count - 1)), width: width,
                                               reference: reference, threshold: 1)
        guard chosen.count > 1 else { return detector }
        var distances = chosen.indices.map { detector.meanDistance(rows[chosen[$0]], excluding: $0) }
        distances.sort()
        let q = distances[min(distances.count - 1, Int((Double(distances.count - 1) * percentile).rounded()))]
        detector.threshold = max(q, 1e-6)
        return detector
    }

    var count: Int { width > 0 ? reference.count / width : 0 }

    /// Mean distance to the k nearest reference points (skipping `excluding`).
    func meanDistance(_ x: [Float], excluding: Int = -1) -> Double {
        var best = [Double](repeating: .infinity, count: neighbours)
        reference.withUnsafeBufferPointer { ref in
            for p in 0..<count where p != excluding {
                var s: Float = 0
                let base = p * width
                for j in 0..<min(width, x.count) { let d = ref[base + j] - x[j]; s += d * d }
                let dist = Double(s)
                if dist < best[neighbours - 1] {
                    var k = neighbours - 1
                    while k > 0 && best[k - 1] > dist { best[k] = best[k - 1]; k -= 1 }
                    best[k] = dist
                }
            }
        }
        let finite = best.filter(\.isFinite)
        guard !finite.isEmpty else { return 0 }
        return finite.reduce(0) { $0 + $1.squareRoot() } / Double(finite.count)
    }

    /// Distance relative to the training threshold (> 1: out of distribution).
    func score(_ x: [Float]) -> Double { meanDistance(x) / threshold }

    func write(to w: inout BinaryWriter) {
        w.string("ood")
        w.int(neighbours)
        w.int(width)
        w.f64(threshold)
        w.f32s(reference)
    }

    static func read(from r: inout BinaryReader, width expected: Int) throws(SurrogateFileError) -> DistanceOutlierDetector {
        try r.expectTag("ood")
        let at = r.offset
        let k = try r.int("ood neighbours", range: 1...1000)
        let width = try r.int("ood width", range: 0...100_000)
        let threshold = try r.finiteF64("ood threshold")
        let reference = try r.f32s("ood reference")
        guard width == expected, threshold > 0, width == 0 || reference.count % width == 0,
              reference.allSatisfy(\.isFinite) else {
            throw .invalid(offset: at, reason: "out-of-distribution reference does not match the features")
        }
        return DistanceOutlierDetector(neighbours: k, width: width, reference: reference, threshold: threshold)
    }
}
