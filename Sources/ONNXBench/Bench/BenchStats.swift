import Foundation
import NetworkBuilder
import ONNXModel
import ONNXNetSupport
import SearchSpaces

/// Statistics of one space's architectures.
public struct SpaceStats: Sendable, Equatable {
    public var space: String
    /// Where the architectures come from (a bench folder, drawn labelled records, samples).
    public var origin: String
    public var count = 0
    public var nodeCount: ClosedRange<Int>?
    /// Accuracy range in percent, nil when the architectures are unlabelled.
    public var accuracy: ClosedRange<Double>?
    /// Nodes of each ONNX operator type, summed over the architectures.
    public var opCounts: [String: Int] = [:]
    /// Architectures that could not be built or read.
    public var failures = 0
    public var firstFailure: String?

    public var totalNodes: Int { opCounts.values.reduce(0, +) }
}

/// `bench stats`: per space counts, node-count and accuracy ranges, op-type frequencies, and
/// the Jensen-Shannon divergence between the spaces' normalised op-type distributions.
public struct BenchStatsReport: Sendable {
    public var spaces: [SpaceStats]
    public var notes: [String]

    /// Spaces with at least one node (the ones the divergence matrix covers).
    public var comparedSpaces: [SpaceStats] { spaces.filter { $0.totalNodes > 0 } }

    public var divergence: [[Double]] { JensenShannon.matrix(comparedSpaces.map(\.opCounts)) }

    /// Op types by total share of nodes over all spaces (each space weighted equally).
    public var opTypes: [String] {
        var share: [String: Double] = [:]
        for s in comparedSpaces {
            for (op, c) in s.opCounts { share[op, default: 0] += Double(c) / Double(s.totalNodes) }
        }
        return share.keys.sorted { (share[$0]!, $1) > (share[$1]!, $0) }
    }
}

public enum BenchStats {
    /// One architecture's contribution.
    struct Sample: Sendable {
        var nodes: Int
        var ops: [String: Int]
        var accuracy: Double?
    }

    /// Statistics of a bench directory: every ONNX file, grouped by space folder.
    public static func collect(directory: String, jobs: Int = 2, progress: ProgressReporter? = nil) throws(BenchError) -> BenchStatsReport {
        let scanned = try BenchIndex.scan(directory: directory, jobs: jobs)
        let records = scanned.records.sorted { $0.relativePath < $1.relativePath }
        let samples = ParallelMap.indices(records.count, jobs: jobs, progress: progress) { i -> Result<Sample, BenchProblem> in
            do {
                let model = try ModelLoader.load(path: BenchLayout.join(directory, records[i].relativePath))
                return .success(sample(model, accuracy: records[i].accuracy))
            } catch {
                return .failure(BenchProblem(file: records[i].relativePath, message: "\(error)"))
            }
        }
        var bySpace: [String: SpaceStats] = [:]
        for (record, result) in zip(records, samples) {
            var s = bySpace[record.space] ?? SpaceStats(space: record.space, origin: "bench \(directory)")
            add(result, to: &s)
            bySpace[record.space] = s
        }
        var notes = ["every ONNX file of the bench \(directory)"]
        if !scanned.problems.isEmpty { notes.append("\(scanned.problems.count) file(s) could not be read: \(scanned.problems[0])") }
        if access(BenchLayout.encodingsPath(directory), F_OK) == 0 {
            notes.append("\(BenchLayout.encodingsFileName) rows (imported encodings without graphs) are not included")
        }
        return BenchStatsReport(spaces: order(Array(bySpace.values)), notes: notes)
    }

    /// Statistics without a bench: for each space, `perSpace` architectures (nil: every
    /// labelled record; unlabelled spaces then take 1,000) generated in memory. Labelled
    /// spaces draw from their embedded records (`SeededGenerator(seed:)` shuffle, first
    /// `perSpace`), unlabelled spaces from `space.sample(count:seed:)`.
    public static func collect(spaces ids: [String], perSpace: Int?, seed: UInt64, jobs: Int = 2,
                               nb101Index: @escaping () -> NB101Index = { NB101Index.shared },
                               progress: (String, Int) -> ProgressReporter? = { _, _ in nil }) -> BenchStatsReport {
        var out: [SpaceStats] = []
        var notes: [String] = []
        for id in ids {
            let space: any SearchSpace
            do { space = try SearchSpaceRegistry.space(id) } catch {
                out.append(SpaceStats(space: id, origin: "not available: \(error)"))
                continue
            }
            var items: [(notation: String, accuracy: Double?)] = []
            var origin: String
            if EmbeddedBench.labelledSpaces.contains(id) {
                do {
                    var records = try EmbeddedBench.records(space: id, nb101Index: nb101Index).records
                    if let n = perSpace, n < records.count {
                        let total = records.count
                        var generator = SeededGenerator(seed: seed)
                        generator.shuffle(&records)
                        records = Array(records.prefix(n))
                        origin = "\(n) of its \(total) labelled records, drawn with seed \(seed)"
                    } else {
                        origin = "all \(records.count) labelled records"
                    }
                    items = records.map { ($0.notation, $0.accuracy) }
                } catch {
                    out.append(SpaceStats(space: id, origin: "labels not available: \(error)"))
                    continue
                }
            } else {
                let n = perSpace ?? 1_000
                do {
                    items = try space.sample(count: n, seed: seed).map { ($0, nil) }
                } catch {
                    out.append(SpaceStats(space: id, origin: "cannot sample: \(error)"))
                    continue
                }
                origin = "\(n) sampled architectures (seed \(seed), no labels)"
            }
            let list = items
            let samples = ParallelMap.indices(list.count, jobs: jobs, progress: progress(id, list.count)) { i -> Result<Sample, BenchProblem> in
                do {
                    return .success(sample(try space.build(list[i].notation, weights: .shapesOnly), accuracy: list[i].accuracy))
                } catch {
                    return .failure(BenchProblem(message: "\(list[i].notation.prefix(80)): \(error)"))
                }
            }
            var s = SpaceStats(space: id, origin: origin)
            for result in samples { add(result, to: &s) }
            out.append(s)
        }
        notes.append("generated in memory, no bench directory: labelled spaces use their embedded labels, the others sampled architectures")
        return BenchStatsReport(spaces: out, notes: notes)
    }

    static func sample(_ model: Model, accuracy: Double?) -> Sample {
        var ops: [String: Int] = [:]
        for node in model.graph.nodes { ops[node.opType, default: 0] += 1 }
        return Sample(nodes: model.graph.nodes.count, ops: ops, accuracy: accuracy.flatMap { $0.isFinite ? $0 : nil })
    }

    static func add(_ result: Result<Sample, BenchProblem>, to s: inout SpaceStats) {
        switch result {
        case .failure(let p):
            s.failures += 1
            if s.firstFailure == nil { s.firstFailure = p.description }
        case .success(let x):
            s.count += 1
            s.nodeCount = s.nodeCount.map { min($0.lowerBound, x.nodes)...max($0.upperBound, x.nodes) } ?? x.nodes...x.nodes
            if let a = x.accuracy {
                s.accuracy = s.accuracy.map { min($0.lowerBound, a)...max($0.upperBound, a) } ?? a...a
            }
            for (op, c) in x.ops { s.opCounts[op, default: 0] += c }
        }
    }

    /// Registry order first, then other spaces by name.
    static func order(_ stats: [SpaceStats]) -> [SpaceStats] {
        let registry = SearchSpaceRegistry.all.map(\.id)
        return stats.sorted { a, b in
            let ia = registry.firstIndex(of: a.space) ?? Int.max, ib = registry.firstIndex(of: b.space) ?? Int.max
            return (ia, a.space) < (ib, b.space)
        }
    }
}
