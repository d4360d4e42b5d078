import ONNXNetSupport

/// How a surrogate is trained: features, ensemble make-up, ranker settings, seed.
public struct SurrogateConfig: Sendable, Equatable {
    /// One group of ensemble members: `count` rankers of one kind with different seeds,
    /// together weighing `weight` in the score of their role.
    public struct Member: Sendable, Equatable, Hashable {
        public var kind: RankerKind
        public var count: Int
        public var weight: Double
        public var role: MemberRole
        public init(_ kind: RankerKind, count: Int = 1, weight: Double = 1, role: MemberRole? = nil) {
            self.kind = kind
            self.count = count
            self.weight = weight
            self.role = role ?? kind.defaultRole
        }
    }

    /// The default ensemble: for models like the training ones, hashed-feature ridge and
    /// boosted trees; for models unlike any of them, the structural linear model and the
    /// capacity prior (see `MemberRole`).
    public static let defaultMembers: [Member] = [
        Member(.ridge), Member(.boostedTrees, count: 2), Member(.structuralLinear), Member(.capacityPrior),
    ]

    /// How accuracies are put on a standard scale before fitting.
    public enum TargetScale: UInt8, Sendable, Equatable {
        /// (y - mean) / deviation.
        case standardized = 1
        /// Normal scores of the ranks: only the order matters, so the few collapsed networks
        /// at 10% accuracy do not dominate a squared loss.
        case normalScores = 2
    }

    public var features: FeatureConfig
    public var members: [Member]
    public var hyperparameters: RankerHyperparameters
    /// Hashed features given to the tree and network rankers as columns (most varying first).
    public var designColumns: Int
    public var targetScale: TargetScale
    public var seed: UInt64
    /// Re-weight the in-distribution groups by their out-of-fold ranking quality
    /// (`EnsembleWeighting`) when the training set has at most `crossValidationLimit` examples.
    public var crossValidateWeights: Bool = true
    public var crossValidationLimit: Int = 6000
    /// Worker threads for featurisation and for fitting ensemble members (results do not
    /// depend on it).
    public var threads: Int

    public init(features: FeatureConfig = .default,
                members: [Member] = SurrogateConfig.defaultMembers,
                hyperparameters: RankerHyperparameters = RankerHyperparameters(),
                designColumns: Int = 512, targetScale: TargetScale = .normalScores,
                seed: UInt64 = 0, threads: Int = SurrogateConfig.defaultThreads) {
        self.features = features
        self.members = members
        self.hyperparameters = hyperparameters
        self.designColumns = designColumns
        self.targetScale = targetScale
        self.seed = seed
        self.threads = threads
    }

    public static var defaultThreads: Int { ParallelMap.processorCount }
}

/// Which inputs an ensemble member scores. Trees and hashed features are precise among
/// networks like the training ones but cannot extrapolate (trees go flat, unseen hashed
/// features weigh nothing); the structural linear model and the capacity prior extrapolate.
/// A model's out-of-distribution score moves its prediction from the first group to the
/// second: all in-distribution at `oodScore <= 1`, all transfer at `oodScore >= 2`.
public enum MemberRole: UInt8, Sendable, Equatable, Hashable {
    case inDistribution = 1
    case transfer = 2
}

extension RankerKind {
    public var defaultRole: MemberRole {
        switch self {
        case .ridge, .boostedTrees, .pairwiseMLP: return .inDistribution
        case .structuralLinear, .capacityPrior: return .transfer
        }
    }
}
