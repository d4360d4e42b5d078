import ONNXNetSupport

/// A metric over several seeds: mean and standard deviation, printed as "0.8123 ± 0.0040".
public struct MetricSummary: Equatable, Sendable, CustomStringConvertible {
    public let values: [Double]
    public let mean: Double
    /// Sample standard deviation (divisor n - 1); 0 for a single value.
    public let standardDeviation: Double
    /// Population standard deviation (divisor n, numpy's default `std`), for comparison
    /// with papers that report it.
    public let populationStandardDeviation: Double

    public init(_ values: [Double]) throws(MetricError) {
        guard !values.isEmpty else { throw .tooFewSamples(0, minimum: 1) }
        if let i = values.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(series: "first", index: i) }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        self.values = values
        self.mean = mean
        self.standardDeviation = values.count > 1 ? (squares / (n - 1)).squareRoot() : 0
        self.populationStandardDeviation = (squares / n).squareRoot()
    }

    public var description: String { formatted(digits: 4) }

    /// "mean ± std" with `digits` decimals.
    public func formatted(digits: Int) -> String {
        DecimalText.fixed(mean, digits: digits) + " ± " + DecimalText.fixed(standardDeviation, digits: digits)
    }
}
