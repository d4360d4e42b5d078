import ONNXNetSupport
import ONNXModel

/// A trained surrogate: the feature settings it was trained with, an ensemble of rankers in
/// two roles (`MemberRole`), the calibration of each role's score to accuracy points, and the
/// out-of-distribution reference that decides how much each role counts for a given model.
/// Immutable and thread-safe; save with `write(to:)`, load with `SurrogateModel(path:)`.
public struct SurrogateModel: Sendable {
    /// One ranker of the ensemble with the statistics of its scores on the training set (to
    /// put members on one scale), its weight within its role, and its role.
    struct Member: Sendable {
        var ranker: any Ranker
        var mean: Double
        var deviation: Double
        var weight: Double
        var role: MemberRole
    }

    /// Facts about the training run, kept in the file for `predict` to report.
    public struct Info: Sendable, Equatable {
        public var trainingExamples: Int
        public var accuracyRange: ClosedRange<Double>
        /// Free text: what it was trained on, with which command.
        public var description: String
        public init(trainingExamples: Int, accuracyRange: ClosedRange<Double>, description: String) {
            self.trainingExamples = trainingExamples
            self.accuracyRange = accuracyRange
            self.description = description
        }
    }

    public let features: FeatureConfig
    let design: FeatureDesign
    let members: [Member]
    /// Score -> accuracy for the in-distribution and the transfer role (nil when the role has
    /// no member).
    let calibrations: [MemberRole: IsotonicCalibration]
    let outliers: DistanceOutlierDetector
    public var info: Info

    /// Number of rankers in the ensemble.
    public var memberCount: Int { members.count }
    /// Ranker kinds, one per member.
    public var memberKinds: [RankerKind] { members.map(\.ranker.kind) }

    /// Scores one model (features are computed with the settings the surrogate was trained with).
    public func predict(_ model: Model) -> Prediction {
        predict(features: GraphFeatures.extract(model, config: features))
    }

    public func predict(features v: FeatureVector) -> Prediction {
        let e = evaluate(v)
        // Spread of the members' calibrated predictions, weighted as they count in this one.
        var spread = 0.0, total = 0.0
        for (k, m) in members.enumerated() {
            let share = m.weight * (m.role == .inDistribution ? e.gate : 1 - e.gate)
            guard share > 0, let c = calibrations[m.role] else { continue }
            let d = c(e.z[k]) - e.accuracy
            spread += share * d * d
            total += share
        }
        return Prediction(predictedAccuracy: e.accuracy, score: e.score,
                          uncertainty: total > 0 ? (spread / total).squareRoot() : 0,
                          outOfDistribution: e.ood > 1, oodScore: e.ood)
    }

    /// Ensemble scores of many feature vectors (the evaluation's fast path).
    public func scores(_ vectors: [FeatureVector], threads: Int? = nil) -> [Double] {
        ParallelMap.indices(vectors.count, jobs: threads ?? ParallelMap.processorCount) { evaluate(vectors[$0]).score }
    }

    /// Scores and calibrated accuracies of many feature vectors.
    public func scoresAndAccuracies(_ vectors: [FeatureVector], threads: Int? = nil) -> [(score: Double, accuracy: Double)] {
        ParallelMap.indices(vectors.count, jobs: threads ?? ParallelMap.processorCount) { i in
            let e = evaluate(vectors[i])
            return (e.score, e.accuracy)
        }
    }

    /// How much the in-distribution members count for a model with this OOD score.
    static func gate(_ ood: Double) -> Double { min(1, max(0, 2 - ood)) }

    struct Evaluation {
        var z: [Double]
        var gate: Double
        var ood: Double
        var score: Double
        var accuracy: Double
    }

    func evaluate(_ v: FeatureVector) -> Evaluation {
        let row = design.row(v)
        let input = RankerInput(row: row, features: v)
        let z = members.map { m -> Double in
            let s = m.ranker.score(input)
            return s.isFinite ? (s - m.mean) / m.deviation : 0
        }
        let ood = outliers.score(Array(row.prefix(design.denseCount)))
        let inScore = Self.combine(z, members, role: .inDistribution)
        let transferScore = Self.combine(z, members, role: .transfer)
        // With one role only, it scores everything.
        let gate = inScore == nil ? 0 : transferScore == nil ? 1 : Self.gate(ood)
        let a = inScore ?? 0, b = transferScore ?? 0
        let score = gate * a + (1 - gate) * b
        var accuracy = 0.0
        if gate > 0, let c = calibrations[.inDistribution] { accuracy += gate * c(a) }
        if gate < 1, let c = calibrations[.transfer] { accuracy += (1 - gate) * c(b) }
        return Evaluation(z: z, gate: gate, ood: ood, score: score, accuracy: accuracy)
    }

    /// Weighted mean of the standardised scores of one role's members (nil: no such member).
    static func combine(_ z: [Double], _ members: [Member], role: MemberRole) -> Double? {
        var s = 0.0, w = 0.0
        for (k, m) in members.enumerated() where m.role == role { s += m.weight * z[k]; w += m.weight }
        return w > 0 ? s / w : nil
    }
}
