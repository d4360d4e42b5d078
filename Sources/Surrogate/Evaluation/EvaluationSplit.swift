/// One training/test split of featurised, labelled architectures: what an evaluation
/// protocol gives the evaluator for one seed. Which records go where is decided by the
/// protocol definitions of the bench (`ONNXBench.ProtocolSplit`), not here.
public struct EvaluationSplit: Sendable {
    /// What is tested (a row of the report; the held-out space for leave-one-out).
    public var name: String
    public var trainFeatures: [FeatureVector]
    public var trainAccuracies: [Double]
    public var testFeatures: [FeatureVector]
    public var testAccuracies: [Double]

    public init(name: String, trainFeatures: [FeatureVector], trainAccuracies: [Double],
                testFeatures: [FeatureVector], testAccuracies: [Double]) {
        self.name = name
        self.trainFeatures = trainFeatures
        self.trainAccuracies = trainAccuracies
        self.testFeatures = testFeatures
        self.testAccuracies = testAccuracies
    }
}

/// Why an evaluation could not run.
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptySplit(String)
    case training(SurrogateTrainingError)

    public var description: String {
        switch self {
        case .emptySplit(let name): return "the split \(name) has no training or no test architectures"
        case .training(let e): return "training failed: \(e)"
        }
    }
}
