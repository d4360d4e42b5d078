import ONNXModel
import ONNXNetSupport

/// One labelled architecture for training.
public struct TrainingExample: Sendable {
    public var model: Model
    /// Accuracy in percent.
    public var accuracy: Double
    public init(model: Model, accuracy: Double) {
        self.model = model
        self.accuracy = accuracy
    }
}

/// Why a surrogate could not be trained.
public enum SurrogateTrainingError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooFewExamples(Int)
    case nonFiniteAccuracy(index: Int)
    case constantAccuracy
    case noMembers

    public var description: String {
        switch self {
        case .tooFewExamples(let n): return "training needs at least 3 labelled models, got \(n)"
        case .nonFiniteAccuracy(let i): return "training example \(i) has a NaN or infinite accuracy"
        case .constantAccuracy: return "all training accuracies are equal: there is nothing to rank"
        case .noMembers: return "the ensemble configuration has no members"
        }
    }
}

/// Training entry points.
public enum Surrogate {
    /// Trains a surrogate on labelled ONNX models. Deterministic given `config.seed` (the
    /// thread count does not change the result).
    public static func train(examples: [TrainingExample], config: SurrogateConfig = SurrogateConfig(),
                             description: String = "") throws(SurrogateTrainingError) -> SurrogateModel {
        let vectors = featurize(examples.map(\.model), config: config.features, threads: config.threads)
        return try train(features: vectors, accuracies: examples.map(\.accuracy), config: config, description: description)
    }

    /// Features of many models in parallel, in input order.
    public static func featurize(_ models: [Model], config: FeatureConfig, threads: Int? = nil) -> [FeatureVector] {
        ParallelMap.indices(models.count, jobs: threads ?? ParallelMap.processorCount) { i in
            GraphFeatures.extract(models[i], config: config)
        }
    }

    /// Trains on precomputed features (which must come from `config.features`). `log` hears
    /// of each step of a long fit (members fitted, with their times).
    public static func train(features: [FeatureVector], accuracies: [Double], config: SurrogateConfig = SurrogateConfig(),
                             description: String = "",
                             log: (@Sendable (String) -> Void)? = nil) throws(SurrogateTrainingError) -> SurrogateModel {
        let n = accuracies.count
        guard n >= 3, features.count == n else { throw .tooFewExamples(min(n, features.count)) }
        if let i = accuracies.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteAccuracy(index: i) }
        guard let lo = accuracies.min(), let hi = accuracies.max(), hi > lo else { throw .constantAccuracy }
        var groups = config.members.filter { $0.count > 0 && $0.weight > 0 }
        guard !groups.isEmpty else { throw .noMembers }
        if config.crossValidateWeights, n >= 30, n <= config.crossValidationLimit {
            groups = EnsembleWeighting.crossValidated(groups, features: features, accuracies: accuracies, config: config)
        }

        let design = FeatureDesign.fit(features, maxHashedColumns: config.designColumns)
        let targets = TargetScaling.transform(accuracies, config.targetScale)
        let data = RankerTrainingData(design: design, features: features, targets: targets,
                                      hashedDimension: config.features.hashedDimension)

        // Every member gets its own seed derived from the run seed and its position.
        var plan: [(kind: RankerKind, weight: Double, role: MemberRole, seed: UInt64)] = []
        for (g, group) in groups.enumerated() {
            for k in 0..<group.count {
                let seed = StableHash.combine(StableHash.combine(config.seed, g), k)
                plan.append((group.kind, group.weight / Double(group.count), group.role, seed))
            }
        }
        let h = config.hyperparameters
        let frozenPlan = plan
        // The costliest members start first, so that two threads fit the two tree ensembles
        // side by side instead of one after the ridge (the result does not depend on it).
        let startOrder = plan.indices.sorted { (-plan[$0].kind.relativeCost, $0) < (-plan[$1].kind.relativeCost, $1) }
        let start = monotonicSeconds()
        let rankers: [any Ranker] = ParallelMap.indices(plan.count, jobs: config.threads, startOrder: startOrder) { i in
            let t0 = monotonicSeconds()
            let r = frozenPlan[i].kind.fit(data, hyperparameters: h, seed: frozenPlan[i].seed)
            log?("fitted \(frozenPlan[i].kind) member \(i + 1)/\(frozenPlan.count) in \(DecimalText.fixed(monotonicSeconds() - t0, digits: 1)) s")
            return r
        }
        log?("ensemble fitted in \(DecimalText.fixed(monotonicSeconds() - start, digits: 1)) s")

        // Put members on one scale with their training-set score statistics.
        let inputs = (0..<n).map { RankerInput(row: Array(data.row($0)), features: features[$0]) }
        var members: [SurrogateModel.Member] = []
        var z: [[Double]] = []
        for (i, r) in rankers.enumerated() {
            let s = inputs.map { r.score($0) }
            let mean = s.reduce(0, +) / Double(n)
            let variance = s.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
            let deviation = variance > 1e-24 ? variance.squareRoot() : 1
            members.append(SurrogateModel.Member(ranker: r, mean: mean, deviation: deviation, weight: plan[i].weight,
                                                 role: plan[i].role))
            z.append(s.map { ($0 - mean) / deviation })
        }
        // One calibration per role, from that role's score on the training set.
        var calibrations: [MemberRole: IsotonicCalibration] = [:]
        for role in [MemberRole.inDistribution, .transfer] where members.contains(where: { $0.role == role }) {
            let scores = (0..<n).map { i in SurrogateModel.combine(z.map { $0[i] }, members, role: role)! }
            calibrations[role] = IsotonicCalibration.fit(scores: scores, targets: accuracies)
        }
        let outliers = DistanceOutlierDetector.fit(rows: inputs.map { Array($0.row.prefix(design.denseCount)) },
                                                   seed: StableHash.combine(config.seed, 0x00D))
        return SurrogateModel(features: config.features, design: design, members: members, calibrations: calibrations,
                              outliers: outliers,
                              info: .init(trainingExamples: n, accuracyRange: lo...hi, description: description))
    }
}

/// Puts accuracies on the standard scale the rankers fit.
enum TargetScaling {
    static func transform(_ y: [Double], _ scale: SurrogateConfig.TargetScale) -> [Double] {
        let n = Double(y.count)
        switch scale {
        case .standardized:
            let mean = y.reduce(0, +) / n
            let sd = (y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
            return y.map { ($0 - mean) / max(sd, 1e-12) }
        case .normalScores:
            // Average ranks (ties share), then the normal quantile of (rank - 0.5) / n.
            let order = y.indices.sorted { y[$0] < y[$1] }
            var ranks = [Double](repeating: 0, count: y.count)
            var start = 0
            while start < order.count {
                var end = start + 1
                while end < order.count && y[order[end]] == y[order[start]] { end += 1 }
                let r = Double(start + end + 1) / 2
                for k in start..<end { ranks[order[k]] = r }
                start = end
            }
            return ranks.map { NormalQuantile.of(($0 - 0.5) / n) }
        }
    }
}

/// The inverse of the standard normal distribution function (Acklam's rational
/// approximation, relative error below 1.2e-9).
enum NormalQuantile {
    static func of(_ p: Double) -> Double {
        let p = min(max(p, 1e-12), 1 - 1e-12)
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        if p < low {
            let q = (-2 * Math.log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p > 1 - low {
            let q = (-2 * Math.log(1 - p)).squareRoot()
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let q = p - 0.5, r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}
