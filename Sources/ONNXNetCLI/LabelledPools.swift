import Foundation
import ONNXBench
import ONNXModel
import ONNXNetSupport
import SearchSpaces
import Surrogate

/// Featurised training pools made from the embedded labels: every labelled architecture is
/// generated as ONNX (dims-only weights) and turned into surrogate features. This is where
/// the bench side (labels, spaces) meets the surrogate side, so it lives in the CLI layer.
enum LabelledPools {
    /// Pool name (as `EvaluationProtocol` names them) -> embedded label set and space id.
    static var sources: [(pool: String, space: String, load: @Sendable () throws -> [LabelRecord])] { [
        (EvaluationProtocol.nb201Pool, "nb201", { try EmbeddedLabels.nb201() }),
        (EvaluationProtocol.nb101Pool, "nb101", { try EmbeddedLabels.nb101Hashed() }),
        (EvaluationProtocol.nb101NASLibPool, "nb101", { try EmbeddedLabels.nb101NASLib() }),
        (EvaluationProtocol.nb301Pool, "nb301", { try EmbeddedLabels.nb301() }),
    ] }

    static func load(pools wanted: Set<String>, config: FeatureConfig, io: CommandIO,
                     limit: Int? = nil) throws -> [String: LabelledPool] {
        var out: [String: LabelledPool] = [:]
        for source in sources where wanted.contains(source.pool) {
            var records = try source.load().compactMap { r in r.accuracy.map { (name: r.notation, accuracy: $0) } }
            if let limit, records.count > limit { records = Array(records.prefix(limit)) }
            let space = try SearchSpaceRegistry.space(source.space)
            let progress = ProgressReporter(label: "features \(source.pool)", total: records.count, enabled: io.showsProgress)
            let t0 = monotonicSeconds()
            let pool = LabelledPool.build(space: source.pool, records: records, features: config,
                                          progress: { _ in progress.advance() }) { notation in
                try space.build(notation, weights: .shapesOnly)
            }
            progress.finish()
            io.err("\(source.pool): \(pool.count) architectures featurised in \(Int(monotonicSeconds() - t0)) s\n")
            out[source.pool] = pool
        }
        return out
    }

    /// `nb201,nb101` -> pool names (nb101 brings NASLib's 500 cells along).
    static func poolNames(forSpaces list: String) throws -> Set<String> {
        var names = Set<String>()
        for s in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            switch s {
            case "nb201": names.insert(EvaluationProtocol.nb201Pool)
            case "nb101": names.formUnion([EvaluationProtocol.nb101Pool, EvaluationProtocol.nb101NASLibPool])
            case "nb301": names.insert(EvaluationProtocol.nb301Pool)
            default: throw UsageError("no embedded labels for space '\(s)' (labelled: nb201, nb101, nb301; import others with `bench import`)")
            }
        }
        return names
    }
}
