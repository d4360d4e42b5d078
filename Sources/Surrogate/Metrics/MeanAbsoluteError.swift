extension Metrics {
    /// Mean absolute difference between predictions and true values, in their unit
    /// (accuracy points for the surrogate).
    public static func meanAbsoluteError(predicted: [Double], actual: [Double]) throws(MetricError) -> Double {
        try validate(predicted, actual, minimum: 1)
        var sum = 0.0
        for i in predicted.indices { sum += abs(predicted[i] - actual[i]) }
        return sum / Double(predicted.count)
    }
}
