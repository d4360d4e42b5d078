import Foundation
import ONNXModel
import ONNXNetEncoding
import ONNXNetSupport
import SearchSpaces

/// `bench export-csv`: the bench as the reference's training table, so that the paper's own
/// scripts can train on it. Each ONNX file is encoded (default `chain_slim`, what the paper
/// trains on); `accuracy` is the file's accuracy text, `dataset` the task name the
/// reference's training script filters on (`ReferenceCSV.dataset(forSpace:)`), `name` the
/// file stem. Rows of `encodings.csv` (imported reference rows without a
/// graph) follow unchanged.
public enum BenchExport {
    public struct Summary: Sendable {
        public var rows = 0
        /// Encodings with parts the reference would not print (see `Encoding.warnings`).
        public var rowsWithWarnings = 0
        public var failures: [BenchProblem] = []
    }

    /// Rows for every file of a bench directory, in index order.
    public static func rows(directory: String, variant: EncodingVariant = .chainSlim, jobs: Int = 2,
                            progress: ProgressReporter? = nil) throws(BenchError) -> ([ReferenceCSV.Row], Summary) {
        let scanned = try BenchIndex.scan(directory: directory, jobs: jobs)
        let records = scanned.records.sorted { $0.relativePath < $1.relativePath }
        var (rows, summary) = encode(records, variant: variant, jobs: jobs, progress: progress) { record in
            try ModelLoader.load(path: BenchLayout.join(directory, record.relativePath))
        }
        summary.failures = scanned.problems + summary.failures
        let extra = BenchLayout.encodingsPath(directory)
        if access(extra, F_OK) == 0 {
            rows += try ReferenceCSV.read(CSVReader(path: extra), name: extra).map(\.row)
            summary.rows = rows.count
        }
        return (rows, summary)
    }

    /// Rows for records built in memory (no bench directory; weights are not needed to encode).
    public static func rows(records: [BenchRecord], variant: EncodingVariant = .chainSlim,
                            jobs: Int = 2, progress: ProgressReporter? = nil) throws(BenchError) -> ([ReferenceCSV.Row], Summary) {
        var spaces: [String: any SearchSpace] = [:]
        for id in Set(records.map(\.space)) {
            do { spaces[id] = try SearchSpaceRegistry.space(id) } catch { throw .usage("cannot build space '\(id)': \(error)") }
        }
        let table = spaces
        return encode(records, variant: variant, jobs: jobs, progress: progress) { record in
            try table[record.space]!.build(record.notation, weights: .shapesOnly)
        }
    }

    static func encode(_ records: [BenchRecord], variant: EncodingVariant, jobs: Int, progress: ProgressReporter?,
                       model: @escaping @Sendable (BenchRecord) throws -> Model) -> ([ReferenceCSV.Row], Summary) {
        let results = ParallelMap.indices(records.count, jobs: jobs, progress: progress) { i -> Result<(ReferenceCSV.Row, Bool), BenchProblem> in
            let r = records[i]
            do {
                let encoding = ONNXNetEncoder.encode(try model(r), variant: variant)
                return .success((ReferenceCSV.Row(encoding: encoding.text, accuracy: BenchMetadata.format(r.accuracy),
                                                  dataset: ReferenceCSV.dataset(forSpace: r.space), name: r.name),
                                 !encoding.warnings.isEmpty))
            } catch {
                return .failure(BenchProblem(file: r.relativePath, message: "\(error)"))
            }
        }
        var rows: [ReferenceCSV.Row] = []
        var summary = Summary()
        for result in results {
            switch result {
            case let .success((row, warned)):
                rows.append(row)
                if warned { summary.rowsWithWarnings += 1 }
            case let .failure(problem): summary.failures.append(problem)
            }
        }
        summary.rows = rows.count
        return (rows, summary)
    }

    /// Writes the table atomically.
    public static func write(_ rows: [ReferenceCSV.Row], to path: String) throws(BenchError) {
        do { try AtomicFile.write(ReferenceCSV.text(rows), to: path) } catch { throw .io(path: path, message: "\(error)") }
    }
}
