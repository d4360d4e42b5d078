/// Maps ensemble scores to accuracy points with a non-decreasing step-free curve: isotonic
/// regression (pool-adjacent-violators) of the training accuracies on the training scores,
/// interpolated linearly between block centres and held flat beyond the ends. Monotone, so
/// it never changes the ranking; it only puts the scores in CIFAR-10 accuracy points.
struct IsotonicCalibration: Sendable, Equatable {
    /// Knots: ascending scores and their (non-decreasing) accuracies.
    var scores: [Double]
    var values: [Double]

    static func fit(scores x: [Double], targets y: [Double]) -> IsotonicCalibration {
        guard !x.isEmpty else { return IsotonicCalibration(scores: [0], values: [0]) }
        let order = x.indices.sorted { x[$0] != x[$1] ? x[$0] < x[$1] : $0 < $1 }
        // Blocks: (sum of scores, sum of targets, count).
        var sx: [Double] = [], sy: [Double] = [], count: [Double] = []
        for i in order {
            sx.append(x[i]); sy.append(y[i]); count.append(1)
            while sy.count > 1 {
                let k = sy.count - 1
                // Merge while the previous block's mean exceeds this one's (or scores tie).
                let previous = sy[k - 1] / count[k - 1], current = sy[k] / count[k]
                let tie = sx[k - 1] / count[k - 1] == sx[k] / count[k]
                guard previous >= current || tie else { break }
                sx[k - 1] += sx[k]; sy[k - 1] += sy[k]; count[k - 1] += count[k]
                sx.removeLast(); sy.removeLast(); count.removeLast()
            }
        }
        return IsotonicCalibration(scores: zip(sx, count).map { $0 / $1 }, values: zip(sy, count).map { $0 / $1 })
    }

    func callAsFunction(_ s: Double) -> Double {
        guard let first = scores.first, let last = scores.last else { return 0 }
        if !(s > first) { return values[0] }
        if s >= last { return values[values.count - 1] }
        var lo = 0, hi = scores.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if scores[mid] <= s { lo = mid } else { hi = mid }
        }
        let t = (s - scores[lo]) / (scores[hi] - scores[lo])
        return values[lo] + t * (values[hi] - values[lo])
    }

    func write(to w: inout BinaryWriter) {
        w.string("calibration")
        w.f64s(scores)
        w.f64s(values)
    }

    static func read(from r: inout BinaryReader) throws(SurrogateFileError) -> IsotonicCalibration {
        try r.expectTag("calibration")
        let at = r.offset
        let s = try r.f64s("calibration scores"), v = try r.f64s("calibration values")
        guard !s.isEmpty, s.count == v.count, s.allSatisfy(\.isFinite), v.allSatisfy(\.isFinite),
              zip(s, s.dropFirst()).allSatisfy({ $0 < $1 }), zip(v, v.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw .invalid(offset: at, reason: "calibration knots are not increasing")
        }
        return IsotonicCalibration(scores: s, values: v)
    }
}
