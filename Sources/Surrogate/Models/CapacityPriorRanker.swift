/// The zero-cost prior "more computation is better", as a ranker: the standardised log
/// multiply-adds plus log parameters of the compute graph (dead branches excluded). Nothing
/// is fitted. It anchors the ensemble for networks unlike any in the training set, where
/// the fitted members have nothing to go on; on NAS benchmarks this prior alone ranks well
/// (the FLOPs and parameter baselines).
struct CapacityPriorRanker: Ranker {
    var kind: RankerKind { .capacityPrior }
    /// Positions of the two statistics in a design row.
    let columns: [Int]

    static let featureNames = ["log_macs", "log_params"]

    static func fit(_ data: RankerTrainingData, hyperparameters: RankerHyperparameters, seed: UInt64) -> CapacityPriorRanker {
        CapacityPriorRanker(columns: featureNames.compactMap { StructuralFeatures.names.firstIndex(of: $0) })
    }

    func score(_ input: RankerInput) -> Double {
        var s = 0.0
        for c in columns where c < input.row.count { s += Double(input.row[c]) }
        return s
    }

    func write(to w: inout BinaryWriter) {
        w.i32s(columns.map { Int32($0) })
    }

    static func read(from r: inout BinaryReader, design: FeatureDesign) throws(SurrogateFileError) -> CapacityPriorRanker {
        let at = r.offset
        let c = try r.i32s("capacity columns")
        guard c.allSatisfy({ $0 >= 0 && Int($0) < design.denseCount }) else {
            throw .invalid(offset: at, reason: "capacity columns outside the structural features")
        }
        return CapacityPriorRanker(columns: c.map(Int.init))
    }
}
