import ONNXModel
import ONNXNetSupport

/// The bench's index CSV (`index.csv`): one row per ONNX file on disk,
/// `name,space,notation,accuracy,source,file,surrogate_label`, sorted by file. It is always
/// rebuilt from the files themselves (their metadata), never appended to, so that an
/// interrupted run followed by a re-run (or shards finishing in any order followed by
/// `bench index`) gives a complete index without duplicates.
public enum BenchIndex {
    public static let header = ["name", "space", "notation", "accuracy", "source", "file", "surrogate_label"]

    /// Reads the metadata of every `<space>/*.onnx` file. Files that cannot be read or do not
    /// carry an accuracy are returned as problems, not rows.
    public static func scan(directory: String, jobs: Int = 2) throws(BenchError) -> (records: [BenchRecord], problems: [BenchProblem]) {
        guard BenchFiles.isDirectory(directory) else { throw .notABench(path: directory, message: "no such directory") }
        var found: [(space: String, name: String)] = []
        for space in BenchFiles.spaceFolders(directory) {
            for entry in BenchFiles.contents(BenchLayout.join(directory, space))
            where entry.hasSuffix(BenchLayout.modelExtension) && !entry.hasPrefix(".") {
                found.append((space, String(entry.dropLast(BenchLayout.modelExtension.count))))
            }
        }
        let files = found
        let results = ParallelMap.indices(files.count, jobs: jobs) { i in
            readRecord(directory: directory, space: files[i].space, name: files[i].name)
        }
        var records: [BenchRecord] = []
        var problems: [BenchProblem] = []
        for result in results {
            switch result {
            case .success(let r): records.append(r)
            case .failure(let p): problems.append(p)
            }
        }
        return (records, problems)
    }

    static func readRecord(directory: String, space: String, name: String) -> Result<BenchRecord, BenchProblem> {
        let relative = BenchLayout.relativePath(space: space, name: name)
        let entries: [StringPair]
        do {
            entries = try BenchMetadata.read(path: BenchLayout.join(directory, relative))
        } catch {
            return .failure(BenchProblem(file: relative, message: "\(error)"))
        }
        switch BenchMetadata.record(from: entries, name: name) {
        case .failure(let e): return .failure(BenchProblem(file: relative, message: e.message))
        case .success(var record):
            if record.space.isEmpty { record.space = space }
            guard record.space == space else {
                return .failure(BenchProblem(file: relative, message: "metadata says space '\(record.space)' but the file is in folder '\(space)'"))
            }
            return .success(record)
        }
    }

    /// Scans the files and writes `index.csv` atomically.
    @discardableResult
    public static func rebuild(directory: String, jobs: Int = 2) throws(BenchError) -> (records: [BenchRecord], problems: [BenchProblem]) {
        let scanned = try scan(directory: directory, jobs: jobs)
        try write(scanned.records, to: BenchLayout.indexPath(directory))
        return scanned
    }

    public static func text(_ records: [BenchRecord]) -> String {
        var out = CSVWriter.line(header)
        for r in records.sorted(by: { $0.relativePath < $1.relativePath }) {
            out += CSVWriter.line([r.name, r.space, r.notation, BenchMetadata.format(r.accuracy), r.source, r.relativePath,
                                   r.isSurrogateLabel ? "true" : "false"])
        }
        return out
    }

    public static func write(_ records: [BenchRecord], to path: String) throws(BenchError) {
        do {
            try AtomicFile.write(text(records), to: path)
        } catch {
            throw .io(path: path, message: "\(error)")
        }
    }

    /// Reads `index.csv` of a bench directory (labels other than the accuracy are not in the
    /// index; `scan` reads them from the files).
    public static func read(directory: String) throws(BenchError) -> [BenchRecord] {
        let path = BenchLayout.indexPath(directory)
        guard BenchFiles.isDirectory(directory) else { throw .notABench(path: directory, message: "no such directory") }
        var table = try CSVTable(reader: CSVReader(path: path), name: path, required: header)
        var out: [BenchRecord] = []
        while let (line, v) = try table.next() {
            guard let accuracy = BenchMetadata.parseNumber(v["accuracy"]!) else {
                throw .csv(file: path, line: line, message: "accuracy '\(v["accuracy"]!)' is not a number")
            }
            out.append(BenchRecord(name: v["name"]!, space: v["space"]!, notation: v["notation"]!, accuracy: accuracy,
                                   source: v["source"]!, isSurrogateLabel: v["surrogate_label"] == "true"))
        }
        return out
    }
}
