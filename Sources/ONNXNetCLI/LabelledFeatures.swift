import Foundation
import ONNXBench
import ONNXModel
import ONNXNetSupport
import SearchSpaces
import Surrogate

/// Labelled architectures turned into surrogate features: every record is generated as ONNX
/// (dims-only weights) by its search space and featurised once, whichever protocol or
/// training run needs it. This is where the bench side (labels, splits, spaces) meets the
/// surrogate side, so it lives in the CLI layer.
struct LabelledFeatures {
    /// One pool per space, names = the records' notations.
    private(set) var pools: [String: LabelledPool] = [:]
    private var positions: [String: [String: Int]] = [:]

    /// Features of `records` (unique by space and notation). With `cacheDirectory`, each
    /// space's features are read from and written back to `DIR/SPACE.features`
    /// (`FeatureCache`: refused and rebuilt when written by other feature settings).
    init(records: [LabelRecord], config: FeatureConfig, io: CommandIO, cacheDirectory: String? = nil) throws {
        var wanted: [String: [(name: String, accuracy: Double)]] = [:]
        var spaces: [String] = []
        var seen = Set<String>()
        for r in records {
            guard let accuracy = r.accuracy, seen.insert(r.space.rawValue + "\u{0}" + r.notation).inserted else { continue }
            if wanted[r.space.rawValue] == nil { spaces.append(r.space.rawValue) }
            wanted[r.space.rawValue, default: []].append((r.notation, accuracy))
        }
        for space in spaces {
            let cachePath = cacheDirectory.map { $0 + "/" + space + ".features" }
            var pool = cachePath.flatMap { FeatureCache.read(path: $0, config: config) }
                ?? LabelledPool(space: space, names: [], accuracies: [], features: [])
            let cached = pool.positionsByName()
            let missing = wanted[space]!.filter { cached[$0.name] == nil }
            if !missing.isEmpty {
                let built = try Self.featurise(space: space, records: missing, config: config, io: io)
                pool.names += built.names
                pool.accuracies += built.accuracies
                pool.features += built.features
                for f in built.failures { io.err("warning: \(space) \(f.name) left out: \(f.reason)\n") }
                if let cachePath {
                    do {
                        try FileManager.default.createDirectory(atPath: cacheDirectory!, withIntermediateDirectories: true)
                        try FeatureCache.write(pool, config: config, to: cachePath)
                    } catch {
                        io.err("warning: could not write the feature cache \(cachePath): \(error)\n")
                    }
                }
            } else if cachePath != nil {
                io.err("\(space): \(wanted[space]!.count) architectures from the feature cache\n")
            }
            positions[space] = pool.positionsByName()
            pools[space] = pool
        }
    }

    private static func featurise(space: String, records: [(name: String, accuracy: Double)], config: FeatureConfig,
                                  io: CommandIO) throws -> LabelledPool {
        let searchSpace = try SearchSpaceRegistry.space(space)
        let progress = ProgressReporter(label: "features \(space)", total: records.count, enabled: io.showsProgress)
        let t0 = monotonicSeconds()
        let pool = LabelledPool.build(space: space, records: records, features: config,
                                      progress: { _ in progress.advance() }) { notation in
            try searchSpace.build(notation, weights: .shapesOnly)
        }
        progress.finish()
        io.err("\(space): \(pool.count) architectures featurised in \(Int(monotonicSeconds() - t0)) s\n")
        return pool
    }

    /// Features and accuracies of `records` in their order; records that could not be built
    /// are left out.
    func lookup(_ records: [LabelRecord]) -> (features: [FeatureVector], accuracies: [Double]) {
        var features: [FeatureVector] = [], accuracies: [Double] = []
        features.reserveCapacity(records.count)
        accuracies.reserveCapacity(records.count)
        for r in records {
            guard let pool = pools[r.space.rawValue], let i = positions[r.space.rawValue]?[r.notation] else { continue }
            features.append(pool.features[i])
            accuracies.append(r.accuracy ?? pool.accuracies[i])
        }
        return (features, accuracies)
    }

    /// `records` as one pool named `space` (what `DefaultSurrogate.train` concatenates).
    func pool(_ space: String, records: [LabelRecord]) -> LabelledPool {
        let (features, accuracies) = lookup(records)
        let names = records.filter { positions[$0.space.rawValue]?[$0.notation] != nil }.map(\.notation)
        return LabelledPool(space: space, names: names, accuracies: accuracies, features: features)
    }

    /// Every embedded record of the listed spaces (`nb201,nb101`), repeats of an architecture
    /// dropped, in list order; at most `limit` per space.
    static func embeddedRecords(spaces list: String, limit: Int? = nil) throws -> [(space: String, records: [LabelRecord])] {
        var out: [(String, [LabelRecord])] = []
        for s in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !s.isEmpty {
            guard EmbeddedBench.labelledSpaces.contains(s) else {
                throw UsageError("no embedded labels for space '\(s)' (labelled: \(EmbeddedBench.labelledSpaces.joined(separator: ", ")); import others with `bench import`)")
            }
            guard !out.contains(where: { $0.0 == s }) else { continue }
            var records = ProtocolSplit.pool(try ProtocolSplit.embeddedLabels(s), space: s)
            if let limit, records.count > limit { records = Array(records.prefix(limit)) }
            out.append((s, records))
        }
        guard !out.isEmpty else { throw UsageError("--spaces lists no space") }
        return out
    }
}
