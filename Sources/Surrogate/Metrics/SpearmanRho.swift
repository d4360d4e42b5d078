extension Metrics {
    /// Spearman's rho: Pearson's correlation of the average ranks (correct with ties, unlike
    /// the 1 - 6 sum d^2 / (n^3 - n) shortcut).
    public static func spearmanRho(_ x: [Double], _ y: [Double]) throws(MetricError) -> Double {
        try validate(x, y, minimum: 2)
        return try pearson(averageRanks(x), averageRanks(y))
    }
}
