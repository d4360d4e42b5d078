/// What the surrogate says about one model.
public struct Prediction: Sendable, Equatable {
    /// Calibrated CIFAR-10 accuracy in percent (the scale of the training labels).
    public var predictedAccuracy: Double
    /// The ensemble's ranking score (mean of the members' standardised scores): the number to
    /// sort by; comparable across models scored by the same surrogate.
    public var score: Double
    /// Spread (standard deviation) of the members' calibrated predictions, in accuracy points.
    public var uncertainty: Double
    /// Whether the model lies far outside the training set (`oodScore > 1`).
    public var outOfDistribution: Bool
    /// Distance to the nearest training models relative to the training set's own 99th
    /// percentile of that distance.
    public var oodScore: Double

    public init(predictedAccuracy: Double, score: Double, uncertainty: Double, outOfDistribution: Bool, oodScore: Double) {
        self.predictedAccuracy = predictedAccuracy
        self.score = score
        self.uncertainty = uncertainty
        self.outOfDistribution = outOfDistribution
        self.oodScore = oodScore
    }
}
