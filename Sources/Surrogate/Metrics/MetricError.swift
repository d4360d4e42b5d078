/// Why a metric could not be computed. Correlations are undefined for constant input, which
/// happens in practice (a zero-cost baseline that scores every cell the same); callers
/// print "n/a" for that case instead of a misleading number.
public enum MetricError: Error, Equatable, Sendable, CustomStringConvertible {
    case lengthMismatch(Int, Int)
    case tooFewSamples(Int, minimum: Int)
    /// `series` is "first" or "second" (the argument position).
    case nonFinite(series: String, index: Int)
    case constantInput(series: String)

    public var description: String {
        switch self {
        case .lengthMismatch(let a, let b): return "metric: the two series have \(a) and \(b) values"
        case .tooFewSamples(let n, let minimum): return "metric: \(n) values, at least \(minimum) needed"
        case .nonFinite(let series, let index): return "metric: \(series) series has a NaN or infinite value at index \(index)"
        case .constantInput(let series): return "metric: \(series) series is constant, the correlation is undefined"
        }
    }
}

/// Namespace of the evaluation metrics (one file per metric).
public enum Metrics {
    /// Shared argument checks: equal lengths, at least `minimum` values, all finite.
    static func validate(_ x: [Double], _ y: [Double], minimum: Int) throws(MetricError) {
        guard x.count == y.count else { throw .lengthMismatch(x.count, y.count) }
        guard x.count >= minimum else { throw .tooFewSamples(x.count, minimum: minimum) }
        if let i = x.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(series: "first", index: i) }
        if let i = y.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(series: "second", index: i) }
    }
}
