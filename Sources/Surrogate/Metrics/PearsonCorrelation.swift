extension Metrics {
    /// Pearson's linear correlation coefficient (two-pass: centre first, for accuracy).
    public static func pearson(_ x: [Double], _ y: [Double]) throws(MetricError) -> Double {
        try validate(x, y, minimum: 2)
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n, meanY = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            let dx = x[i] - meanX, dy = y[i] - meanY
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        guard sxx > 0 else { throw .constantInput(series: "first") }
        guard syy > 0 else { throw .constantInput(series: "second") }
        // Clamp rounding noise so that perfectly related series give exactly +-1 at most.
        return max(-1, min(1, sxy / (sxx * syy).squareRoot()))
    }
}
