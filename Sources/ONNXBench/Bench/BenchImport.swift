import Foundation
import NetworkBuilder
import ONNXModel
import ONNXNetSupport
import SearchSpaces

/// `bench import`: labels from elsewhere into a bench directory, all or nothing. Every input
/// entry is validated first and every problem reported (CSV line or file); only when all are
/// good are files written, into a hidden staging folder that is moved into place at the end,
/// so a bad row or a failed build leaves the bench as it was.
///
/// Inputs (told apart by what they are):
/// - a directory of ONNX files carrying an accuracy in `metadata_props` (the official
///   ONNX-Bench layout, or a bench of ours): files are copied with our metadata in front;
/// - a CSV `space,notation,accuracy[,source]` for spaces whose labels cannot be shipped
///   (NATS size space, the full NB101, hNB201, einspace): each notation is checked with the
///   space's `canonicalize` and the network is generated;
/// - a CSV in the reference schema `onnx_encoding,accuracy,dataset,name`: rows carry no graph,
///   so they are kept as encodings in `encodings.csv` (merged by dataset and name).
public enum BenchImport {
    public enum InputKind: String, Sendable {
        case onnxDirectory = "ONNX directory"
        case notationCSV = "space,notation,accuracy CSV"
        case referenceCSV = "reference CSV (onnx_encoding,accuracy,dataset,name)"
    }

    public struct Options: Sendable {
        /// The bench directory written to (created when missing).
        public var directory: String
        /// Space of entries that do not say (reference rows, ONNX files without `space`
        /// metadata); for reference rows it replaces the `dataset` column.
        public var space: String?
        /// Provenance text for entries without one (default: the input path).
        public var source: String?
        public var jobs: Int
        /// Weights of generated networks (notation CSV).
        public var weights: WeightMode

        public init(directory: String, space: String? = nil, source: String? = nil, jobs: Int = 2, weights: WeightMode = .shapesOnly) {
            self.directory = directory
            self.space = space
            self.source = source
            self.jobs = jobs
            self.weights = weights
        }
    }

    public struct Summary: Sendable {
        public var kind: InputKind
        public var imported = 0
        /// Notes that do not stop the import (e.g. accuracies that look like fractions).
        public var warnings: [String] = []
        /// Files in the bench after the import (the rebuilt index).
        public var indexedRecords = 0
    }

    public static func run(input: String, options: Options, progress: ProgressReporter? = nil) throws(BenchError) -> Summary {
        if let space = options.space, resolveSpace(space) == nil {
            throw .usage("--space: unknown space '\(space)'; known: \(knownSpaces)")
        }
        let kind = try detect(input)
        switch kind {
        case .onnxDirectory: return try importDirectory(input, options: options, progress: progress)
        case .notationCSV: return try importNotations(input, options: options, progress: progress)
        case .referenceCSV: return try importReference(input, options: options)
        }
    }

    /// A directory is ONNX files; a CSV is told apart by its header.
    public static func detect(_ input: String) throws(BenchError) -> InputKind {
        if BenchFiles.isDirectory(input) { return .onnxDirectory }
        var reader = try CSVReader(path: input)
        guard let first = try reader.next() else { throw .csv(file: input, line: 1, message: "empty file, expected a header line") }
        let columns = Set(first.fields.map { $0.trimmingSpaces() })
        if columns.contains("onnx_encoding") { return .referenceCSV }
        if columns.isSuperset(of: ["space", "notation", "accuracy"]) { return .notationCSV }
        throw .csv(file: input, line: first.line, message:
            "unknown header \(first.fields.joined(separator: ",")); expected space,notation,accuracy[,source] or the reference's onnx_encoding,accuracy,dataset,name")
    }

    // MARK: notation CSV

    static func importNotations(_ input: String, options: Options, progress: ProgressReporter?) throws(BenchError) -> Summary {
        var table = try CSVTable(reader: CSVReader(path: input), name: input, required: ["space", "notation", "accuracy"])
        let hasSource = table.header.contains("source")
        var problems: [BenchProblem] = []
        var records: [(line: Int, record: BenchRecord)] = []
        var lineOfName: [String: Int] = [:]
        var spaces: [String: any SearchSpace] = [:]
        while let (line, v) = try table.next() {
            let spaceText = v["space"]!.trimmingSpaces()
            guard let space = resolveSpace(spaceText) else {
                problems.append(BenchProblem(line: line, message: "unknown space '\(spaceText)'; known: \(knownSpaces)"))
                continue
            }
            if spaces[space] == nil { spaces[space] = try? SearchSpaceRegistry.space(space) }
            guard let searchSpace = spaces[space] else {
                problems.append(BenchProblem(line: line, message: "space '\(space)' is not available in this build"))
                continue
            }
            let notation: String
            do {
                notation = try searchSpace.canonicalize(v["notation"]!)
            } catch {
                problems.append(BenchProblem(line: line, message: "invalid \(space) notation: \(error)"))
                continue
            }
            guard let accuracy = checkedAccuracy(v["accuracy"]!, line: line, into: &problems) else { continue }
            let name: String
            do { name = try BenchNaming.name(space: space, canonicalNotation: notation) } catch {
                problems.append(BenchProblem(line: line, message: "cannot name the architecture: \(error)"))
                continue
            }
            if let earlier = lineOfName[name] {
                problems.append(BenchProblem(line: line, message: "repeats the architecture of line \(earlier) (\(space) \(notation.prefix(60)))"))
                continue
            }
            lineOfName[name] = line
            let source = hasSource && !v["source"]!.isEmpty ? v["source"]! : (options.source ?? "imported from \(input) line \(line)")
            records.append((line, BenchRecord(name: name, space: space, notation: notation, accuracy: accuracy,
                                              accuracyLabel: "accuracy", source: source)))
        }
        guard problems.isEmpty else { throw .invalidInput(source: input, problems: problems) }

        let weightsText = BenchBuildOptions(directory: options.directory, weights: options.weights).weightsDescription
        let builders = spaces, valid = records
        let staged = try stage(valid.map { ($0.line, $0.record.relativePath) }, options: options, progress: progress) { i in
            var model = try builders[valid[i].record.space]!.build(valid[i].record.notation, weights: options.weights)
            model.metadataProps = BenchMetadata.entries(for: valid[i].record, weights: weightsText)
            return model
        }
        return try commit(staged, input: input, kind: .notationCSV, accuracies: records.map(\.record.accuracy), options: options)
    }

    // MARK: ONNX directory

    static func importDirectory(_ input: String, options: Options, progress: ProgressReporter?) throws(BenchError) -> Summary {
        let files = onnxFiles(under: input)
        guard !files.isEmpty else { throw .invalidInput(source: input, problems: [BenchProblem(message: "no .onnx files found")]) }
        let checked = ParallelMap.indices(files.count, jobs: options.jobs) { i in
            describe(relative: files[i], root: input, options: options)
        }
        var problems: [BenchProblem] = []
        var accepted: [(file: String, record: BenchRecord)] = []
        var fileOfPath: [String: String] = [:]
        for (i, result) in checked.enumerated() {
            switch result {
            case .failure(let p): problems.append(p)
            case .success(let r):
                if let earlier = fileOfPath[r.relativePath] {
                    problems.append(BenchProblem(file: files[i], message: "same bench file \(r.relativePath) as \(earlier)"))
                } else {
                    fileOfPath[r.relativePath] = files[i]
                    accepted.append((files[i], r))
                }
            }
        }
        guard problems.isEmpty else { throw .invalidInput(source: input, problems: problems) }

        let valid = accepted
        let staged = try stage(valid.map { (0, $0.record.relativePath) }, options: options, progress: progress) { i in
            let original = try ModelLoader.load(path: BenchLayout.join(input, valid[i].file))
            var model = original
            // Keep what an earlier bench said of the weights; otherwise they are whatever came in.
            let weights = original.metadataProps.first { $0.key == BenchMetadata.weights }?.value ?? "as imported"
            let ours = BenchMetadata.entries(for: valid[i].record, weights: weights)
            let ourKeys = Set(ours.map(\.key))
            model.metadataProps = ours + original.metadataProps.filter { !ourKeys.contains($0.key) }
            return model
        }
        return try commit(staged, input: input, kind: .onnxDirectory, accuracies: valid.map(\.record.accuracy), options: options)
    }

    /// `.onnx` files under `root`, relative paths, sorted; hidden entries skipped.
    static func onnxFiles(under root: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        while let path = e.nextObject() as? String {
            let components = path.split(separator: "/")
            if components.contains(where: { $0.hasPrefix(".") }) { continue }
            if path.hasSuffix(BenchLayout.modelExtension) { out.append(path) }
        }
        return out.sorted()
    }

    /// The record an imported file becomes: accuracy from its metadata, space from its
    /// metadata, `--space` or its folders, name from its notation (when it has one) or its path.
    static func describe(relative: String, root: String, options: Options) -> Result<BenchRecord, BenchProblem> {
        let path = BenchLayout.join(root, relative)
        let stem = String(relative.dropLast(BenchLayout.modelExtension.count))
        do {
            _ = try ModelLoader.load(path: path)
        } catch {
            return .failure(BenchProblem(file: relative, message: "does not load: \(error)"))
        }
        let entries: [StringPair]
        do { entries = try BenchMetadata.read(path: path) } catch {
            return .failure(BenchProblem(file: relative, message: "\(error)"))
        }
        var record: BenchRecord
        switch BenchMetadata.record(from: entries, name: stem) {
        case .success(let r): record = r
        case .failure(let e): return .failure(BenchProblem(file: relative, message: e.message))
        }
        // Space: metadata, then --space, then the first folder that names one.
        let folders = relative.split(separator: "/").dropLast().map(String.init)
        var nameParts = folders + [String(stem.split(separator: "/").last ?? "")]
        var space: String?
        if !record.space.isEmpty {
            guard let s = resolveSpace(record.space) else {
                return .failure(BenchProblem(file: relative, message: "metadata names unknown space '\(record.space)'"))
            }
            space = s
        } else if let s = options.space {
            space = resolveSpace(s)
        } else if let k = folders.firstIndex(where: { resolveSpace($0) != nil }) {
            space = resolveSpace(folders[k])
            nameParts = Array(nameParts[(k + 1)...])
        }
        guard let space else {
            return .failure(BenchProblem(file: relative, message:
                "cannot tell the space: no 'space' metadata and no folder named after one; pass --space (known: \(knownSpaces))"))
        }
        record.space = space
        if record.source.isEmpty { record.source = options.source ?? "imported from \(relative)" }
        if !record.notation.isEmpty {
            do {
                record.notation = try SearchSpaceRegistry.space(space).canonicalize(record.notation)
                record.name = try BenchNaming.name(space: space, canonicalNotation: record.notation)
                return .success(record)
            } catch {
                return .failure(BenchProblem(file: relative, message: "invalid \(space) notation in metadata: \(error)"))
            }
        }
        record.name = sanitizedName(nameParts.joined(separator: "_"))
        guard BenchLayout.isValidName(record.name) else {
            return .failure(BenchProblem(file: relative, message: "cannot make a file name from its path"))
        }
        return .success(record)
    }

    /// Keeps letters, digits, `-`, `_`, `.`, `=`; everything else becomes `_`.
    static func sanitizedName(_ text: String) -> String {
        var out = String(text.unicodeScalars.map { c -> Character in
            let ok = (c >= "0" && c <= "9") || (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || "-_.=".unicodeScalars.contains(c)
            return ok ? Character(c) : "_"
        })
        while out.hasPrefix(".") { out.removeFirst() }
        return String(out.prefix(200))
    }

    // MARK: reference CSV

    static func importReference(_ input: String, options: Options) throws(BenchError) -> Summary {
        let rows = try ReferenceCSV.read(CSVReader(path: input), name: input)
        var problems: [BenchProblem] = []
        var accepted: [ReferenceCSV.Row] = []
        var lineOfKey: [String: Int] = [:]
        for (line, row) in rows {
            var row = row
            guard !row.encoding.isEmpty else { problems.append(BenchProblem(line: line, message: "empty onnx_encoding")); continue }
            guard let accuracy = checkedAccuracy(row.accuracy, line: line, into: &problems) else { continue }
            let name = row.name.trimmingSpaces()
            guard let space = options.space.flatMap(resolveSpace) ?? ReferenceCSV.space(forDataset: row.dataset, name: name).flatMap(resolveSpace)
            else {
                let why = row.dataset == ReferenceCSV.combinedNB201NATS
                    ? "dataset 'nas201nats' mixes NB201 and the NATS size space and the name '\(name.prefix(40))' does not say which"
                    : "dataset '\(row.dataset)' is not a space the bench knows (\(ReferenceCSV.knownDatasets))"
                problems.append(BenchProblem(line: line, message: why + "; pass --space"))
                continue
            }
            guard !name.isEmpty else { problems.append(BenchProblem(line: line, message: "empty name")); continue }
            row.dataset = ReferenceCSV.dataset(forSpace: space)
            row.name = name
            row.accuracy = BenchMetadata.format(accuracy)
            let key = row.dataset + "\u{0}" + name
            if let earlier = lineOfKey[key] {
                problems.append(BenchProblem(line: line, message: "repeats dataset \(row.dataset) name \(name) of line \(earlier)"))
                continue
            }
            lineOfKey[key] = line
            accepted.append(row)
        }
        guard problems.isEmpty else { throw .invalidInput(source: input, problems: problems) }
        guard !accepted.isEmpty else { throw .invalidInput(source: input, problems: [BenchProblem(message: "no rows")]) }

        try BenchFiles.makeDirectory(options.directory)
        let path = BenchLayout.encodingsPath(options.directory)
        var merged: [ReferenceCSV.Row] = []
        if access(path, F_OK) == 0 {
            let replaced = Set(accepted.map { $0.dataset + "\u{0}" + $0.name })
            merged = try ReferenceCSV.read(CSVReader(path: path), name: path).map(\.row)
                .filter { !replaced.contains($0.dataset + "\u{0}" + $0.name) }
        }
        merged += accepted
        try BenchExport.write(merged, to: path)
        var summary = Summary(kind: .referenceCSV)
        summary.imported = accepted.count
        summary.warnings = fractionWarning(accepted.compactMap { BenchMetadata.parseNumber($0.accuracy) })
        summary.warnings.append("reference rows carry no graph: kept as encodings in \(BenchLayout.encodingsFileName) (export-csv includes them; stats does not)")
        summary.indexedRecords = try BenchIndex.rebuild(directory: options.directory, jobs: options.jobs).records.count
        return summary
    }

    // MARK: shared steps

    /// Fails with every staging problem, or moves the staged files in and summarises the
    /// import (one entry per accuracy).
    static func commit(_ staged: (directory: String, problems: [BenchProblem]), input: String, kind: InputKind,
                       accuracies: [Double], options: Options) throws(BenchError) -> Summary {
        guard staged.problems.isEmpty else { throw .invalidInput(source: input, problems: staged.problems) }
        var summary = Summary(kind: kind)
        summary.imported = accuracies.count
        summary.warnings = fractionWarning(accuracies)
        summary.indexedRecords = try commit(staging: staged.directory, options: options)
        return summary
    }

    static var knownSpaces: String { SearchSpaceRegistry.all.map(\.id).joined(separator: ", ") }

    /// Our id for a space id or a reference dataset name, when the space is registered.
    static func resolveSpace(_ text: String) -> String? {
        let t = text.trimmingSpaces()
        let id = ReferenceCSV.space(forDataset: t) ?? t
        return (try? SearchSpaceRegistry.space(id))?.id
    }

    /// An accuracy in percent: a finite number in 0...100.
    static func checkedAccuracy(_ text: String, line: Int, into problems: inout [BenchProblem]) -> Double? {
        guard let value = BenchMetadata.parseNumber(text) else {
            problems.append(BenchProblem(line: line, message: "accuracy '\(text.prefix(40))' is not a number"))
            return nil
        }
        guard (0...100).contains(value) else {
            problems.append(BenchProblem(line: line, message: "accuracy \(text) is outside 0...100 (the bench stores percent)"))
            return nil
        }
        return value
    }

    static func fractionWarning(_ accuracies: [Double]) -> [String] {
        guard accuracies.count >= 2, accuracies.allSatisfy({ $0 <= 1 }) else { return [] }
        return ["every accuracy is at most 1: if these are fractions, multiply by 100 (the bench stores percent)"]
    }

    /// Writes the models of `items` (line for errors, relative path) into a fresh staging
    /// folder inside the bench. On any failure the folder is removed and the problems are
    /// returned; nothing reaches the bench.
    static func stage(_ items: [(line: Int, path: String)], options: Options, progress: ProgressReporter?,
                      model: @escaping @Sendable (Int) throws -> Model) throws(BenchError) -> (directory: String, problems: [BenchProblem]) {
        try BenchFiles.makeDirectory(options.directory)
        BenchFiles.removeStaleStagingFolders(in: options.directory)
        let staging = BenchLayout.join(options.directory, BenchFiles.stagingPrefix + String(getpid()))
        BenchFiles.removeTree(staging)
        for space in Set(items.map { String($0.path.split(separator: "/")[0]) }).sorted() {
            try BenchFiles.makeDirectory(BenchLayout.join(staging, space))
        }
        let outcomes = ParallelMap.indices(items.count, jobs: options.jobs, progress: progress) { i -> BenchProblem? in
            do {
                try BenchFileWriter.save(try model(i), to: BenchLayout.join(staging, items[i].path))
                return nil
            } catch {
                return items[i].line > 0 ? BenchProblem(line: items[i].line, message: "cannot build: \(error)")
                                         : BenchProblem(file: items[i].path, message: "cannot write: \(error)")
            }
        }
        let found = outcomes.compactMap { $0 }.sorted { ($0.line ?? 0, $0.file ?? "") < ($1.line ?? 0, $1.file ?? "") }
        if found.isEmpty { BenchFileWriter.flush() } else { BenchFiles.removeTree(staging) }
        return (staging, found)
    }

    /// Moves every staged file into the bench (renames within one file system), removes the
    /// staging folder and rebuilds the index. Returns the number of indexed records.
    static func commit(staging: String, options: Options) throws(BenchError) -> Int {
        for space in BenchFiles.spaceFolders(staging) {
            let target = BenchLayout.join(options.directory, space)
            try BenchFiles.makeDirectory(target)
            for file in BenchFiles.contents(BenchLayout.join(staging, space)) {
                let from = BenchLayout.join(BenchLayout.join(staging, space), file)
                guard rename(from, BenchLayout.join(target, file)) == 0 else {
                    throw .io(path: from, message: "cannot move into the bench: \(String(cString: strerror(errno)))")
                }
            }
        }
        BenchFiles.removeTree(staging)
        return try BenchIndex.rebuild(directory: options.directory, jobs: options.jobs).records.count
    }
}
