/// The kinds of ranker the surrogate knows; the raw value is written in model files.
public enum RankerKind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case ridge = 1
    case boostedTrees = 2
    case pairwiseMLP = 3
    case structuralLinear = 4
    case capacityPrior = 5

    public var description: String {
        switch self {
        case .ridge: return "ridge"
        case .boostedTrees: return "gbdt"
        case .pairwiseMLP: return "mlp"
        case .structuralLinear: return "linear"
        case .capacityPrior: return "capacity"
        }
    }

    public static func named(_ name: String) -> RankerKind? { allCases.first { $0.description == name } }
}

extension RankerKind {
    /// Rough fitting cost relative to the others (for scheduling only).
    var relativeCost: Int {
        switch self {
        case .boostedTrees, .pairwiseMLP: return 3
        case .ridge: return 2
        case .structuralLinear, .capacityPrior: return 1
        }
    }

    /// Fits a ranker of this kind.
    func fit(_ data: RankerTrainingData, hyperparameters h: RankerHyperparameters, seed: UInt64) -> any Ranker {
        switch self {
        case .ridge: return RidgeRanker.fit(data, hyperparameters: h, seed: seed)
        case .boostedTrees: return BoostedTreesRanker.fit(data, hyperparameters: h, seed: seed)
        case .pairwiseMLP: return PairwiseMLPRanker.fit(data, hyperparameters: h, seed: seed)
        case .structuralLinear: return StructuralLinearRanker.fit(data, hyperparameters: h, seed: seed)
        case .capacityPrior: return CapacityPriorRanker.fit(data, hyperparameters: h, seed: seed)
        }
    }
}

/// What a ranker is fitted on: the standardised design rows (for trees and networks), the
/// raw hashed features (for the linear model, which can afford all of them) and the targets.
struct RankerTrainingData: Sendable {
    let design: FeatureDesign
    /// `count x design.width`, row-major.
    let rows: [Float]
    let features: [FeatureVector]
    /// Targets on a standard scale (mean 0, deviation 1, or normal scores of the ranks).
    let targets: [Double]
    /// Size of the hashed feature space the vectors live in.
    let hashedDimension: Int

    var count: Int { targets.count }
    var width: Int { design.width }

    init(design: FeatureDesign, features: [FeatureVector], targets: [Double], hashedDimension: Int) {
        self.hashedDimension = hashedDimension
        self.design = design
        self.rows = design.matrix(features)
        self.features = features
        self.targets = targets
    }

    func row(_ i: Int) -> ArraySlice<Float> { rows[(i * width)..<((i + 1) * width)] }
}

/// One model of one example, as every ranker reads it at prediction time.
struct RankerInput {
    /// Standardised design row.
    let row: [Float]
    let features: FeatureVector
}

/// A scoring model: fitted on examples, it orders unseen ones (higher = better). The scale of
/// its scores is its own; the ensemble standardises them and the calibration maps them to
/// accuracy. New kinds implement this protocol and register in `RankerKind` and `RankerCoding`.
protocol Ranker: Sendable {
    var kind: RankerKind { get }
    /// Fits to `data`; all randomness comes from `seed`.
    static func fit(_ data: RankerTrainingData, hyperparameters: RankerHyperparameters, seed: UInt64) -> Self
    func score(_ input: RankerInput) -> Double
    func write(to w: inout BinaryWriter)
}

/// Reads a ranker of any kind back from a model file.
enum RankerCoding {
    static func write(_ r: any Ranker, to w: inout BinaryWriter) {
        w.u8(r.kind.rawValue)
        r.write(to: &w)
    }

    static func read(from r: inout BinaryReader, design: FeatureDesign, hashedDimension: Int) throws(SurrogateFileError) -> any Ranker {
        let at = r.offset
        let raw = try r.u8("ranker kind")
        guard let kind = RankerKind(rawValue: raw) else { throw .invalid(offset: at, reason: "unknown ranker kind \(raw)") }
        switch kind {
        case .ridge: return try RidgeRanker.read(from: &r, design: design, hashedDimension: hashedDimension)
        case .boostedTrees: return try BoostedTreesRanker.read(from: &r, design: design)
        case .pairwiseMLP: return try PairwiseMLPRanker.read(from: &r, design: design)
        case .structuralLinear: return try StructuralLinearRanker.read(from: &r, design: design)
        case .capacityPrior: return try CapacityPriorRanker.read(from: &r, design: design)
        }
    }
}
