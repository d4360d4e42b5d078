/// Settings of every ranker kind (each reads its own). Defaults are the measured choices
/// (see `Experiments`).
public struct RankerHyperparameters: Sendable, Equatable, Hashable {
    // Ridge regression.
    /// L2 penalty per training example (the objective is the mean squared error).
    public var ridgeLambda: Double = 0.05
    /// Weight of the hashed features relative to the standardised structural ones.
    public var ridgeSparseScale: Double = 0.5
    public var ridgeIterations: Int = 400

    // Structural linear model (ridge on the structural statistics only).
    public var linearLambda: Double = 0.05

    // Gradient-boosted regression trees.
    public var treeCount: Int = 400
    public var treeDepth: Int = 5
    public var treeLearningRate: Double = 0.05
    public var treeMinLeaf: Int = 5
    public var treeL2: Double = 1.0
    public var treeRowSample: Double = 0.8
    public var treeColumnSample: Double = 0.5
    public var treeBins: Int = 64

    // Pairwise-ranking MLP.
    public var mlpHidden: Int = 128
    public var mlpSteps: Int = 3000
    public var mlpBatch: Int = 64
    public var mlpLearningRate: Double = 1e-3
    public var mlpWeightDecay: Double = 1e-4
    /// Hinge margin on score differences (the paper's 0.1).
    public var mlpMargin: Double = 0.1
    /// Pairs drawn per batch, as a multiple of the batch size (the paper: at most 4).
    public var mlpPairsPerExample: Int = 4

    public init() {}
}
