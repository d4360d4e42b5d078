import Foundation
import NetworkBuilder
import ONNXModel
import ONNXNetSupport
import SearchSpaces

/// How `bench build` writes files.
public struct BenchBuildOptions: Sendable {
    public var directory: String
    public var shard: ShardSpec
    /// Worker threads.
    public var jobs: Int
    /// `.shapesOnly` (default): dims without values, like the ONNX-Bench golden copies; a
    /// full NB201 bench with weights would take tens of gigabytes.
    public var weights: WeightMode

    public init(directory: String, shard: ShardSpec = .all, jobs: Int = 2, weights: WeightMode = .shapesOnly) {
        self.directory = directory
        self.shard = shard
        self.jobs = jobs
        self.weights = weights
    }

    /// How the weights are described in the files' metadata (`weights` entry).
    public var weightsDescription: String {
        switch weights {
        case .shapesOnly: return "none"
        case .random(let seed): return "random:\(seed)"
        }
    }
}

/// What a build did.
public struct BenchBuildSummary: Sendable {
    /// Records in this shard.
    public var assigned = 0
    public var written = 0
    /// Files already finished by an earlier run (they load and carry the expected metadata).
    public var skipped = 0
    public var failures: [(name: String, message: String)] = []
    /// Temporary files of interrupted earlier runs that were removed.
    public var staleTemporaryFilesRemoved = 0
    /// Rows of the index written at the end (every record on disk, all shards).
    public var indexedRecords = 0
    /// Files on disk that could not be indexed.
    public var indexProblems: [BenchProblem] = []
    public var seconds = 0.0
}

/// Writes bench files: one ONNX file per record, in parallel, atomically (`BenchFileWriter`:
/// temporary file + rename, one `sync()` at the end), resumably, then the index from what is
/// on disk. A file that exists, decodes and carries exactly the metadata
/// this run would write is left alone, so re-running after an interruption only writes what
/// is missing; a file from another label set or weight mode is rewritten.
public enum BenchBuilder {
    public static func build(_ records: [BenchRecord], options: BenchBuildOptions, progress: ProgressReporter? = nil)
        throws -> BenchBuildSummary
    {
        let start = monotonicSeconds()
        var summary = BenchBuildSummary()
        let ordered = records.sorted { $0.relativePath < $1.relativePath }
        for (a, b) in zip(ordered, ordered.dropFirst()) where a.relativePath == b.relativePath {
            throw BenchError.usage("two records would share the file \(a.relativePath)")
        }
        for r in ordered where !BenchLayout.isValidName(r.name) || !BenchLayout.isValidName(r.space) {
            throw BenchError.usage("record name '\(r.space)/\(r.name)' is not usable as a file name")
        }
        let mine = ordered.enumerated().filter { options.shard.owns($0.offset) }.map(\.element)
        summary.assigned = mine.count

        var spaces: [String: any SearchSpace] = [:]
        for id in Set(mine.map(\.space)) {
            do { spaces[id] = try SearchSpaceRegistry.space(id) } catch {
                throw BenchError.usage("cannot build space '\(id)': \(error)")
            }
        }
        try BenchFiles.makeDirectory(options.directory)
        for id in spaces.keys.sorted() { try BenchFiles.makeDirectory(BenchLayout.join(options.directory, id)) }
        summary.staleTemporaryFilesRemoved = BenchFiles.removeStaleTemporaryFiles(in: options.directory)

        let outcome = write(mine, spaces: spaces, options: options, progress: progress)
        summary.written = outcome.written
        summary.skipped = outcome.skipped
        summary.failures = outcome.failures.sorted { $0.name < $1.name }
        if outcome.written > 0 { BenchFileWriter.flush() }

        let index = try BenchIndex.rebuild(directory: options.directory)
        summary.indexedRecords = index.records.count
        summary.indexProblems = index.problems
        summary.seconds = monotonicSeconds() - start
        return summary
    }

    private struct Outcome: Sendable {
        var written = 0
        var skipped = 0
        var failures: [(name: String, message: String)] = []
    }

    private static func write(_ records: [BenchRecord], spaces: [String: any SearchSpace], options: BenchBuildOptions,
                              progress: ProgressReporter?) -> Outcome {
        let weightsText = options.weightsDescription
        // Per record: nil = written, "" = already finished, else why it failed.
        let results = ParallelMap.indices(records.count, jobs: options.jobs, progress: progress) { i -> String? in
            let record = records[i]
            let path = BenchLayout.join(options.directory, record.relativePath)
            let metadata = BenchMetadata.entries(for: record, weights: weightsText)
            if isFinished(path, metadata: metadata) { return "" }
            do {
                var model = try spaces[record.space]!.build(record.notation, weights: options.weights)
                model.metadataProps = metadata
                try BenchFileWriter.save(model, to: path)
                return nil
            } catch {
                return "\(error)"
            }
        }
        var outcome = Outcome()
        for (record, result) in zip(records, results) {
            switch result {
            case nil: outcome.written += 1
            case ""?: outcome.skipped += 1
            case let message?: outcome.failures.append((record.name, message))
            }
        }
        return outcome
    }

    /// A finished file loads as a model and carries exactly `metadata`.
    static func isFinished(_ path: String, metadata: [StringPair]) -> Bool {
        guard access(path, F_OK) == 0, let model = try? ModelLoader.load(path: path) else { return false }
        return model.metadataProps == metadata
    }
}
