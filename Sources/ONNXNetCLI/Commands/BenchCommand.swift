import NetworkBuilder
import ONNXBench
import ONNXNetEncoding
import ONNXNetSupport
import SearchSpaces

/// `onnxnet bench build|index|export-csv|import|split|stats`: the ONNX-Bench dataset.
struct BenchCommand: Command {
    let name = "bench"
    let abstract = "ONNX-Bench: build the labelled benchmark, import/export labels, splits, statistics."
    let usage = """
    onnxnet bench build --out DIR [--spaces nb201,nb101,nb301] [--shard K/N] [--jobs N] [--weights none|random] [--limit N]
    onnxnet bench index DIR
    onnxnet bench export-csv (BENCH_DIR | --spaces LIST) -o FILE.csv [--variant chain_slim] [--limit N]
    onnxnet bench import (DIR | FILE.csv) --out DIR [--space ID] [--source TEXT] [--jobs N]
    onnxnet bench split PROTOCOL [--seed S] [-o FILE.csv]
    onnxnet bench protocols
    onnxnet bench stats [--bench DIR | --spaces LIST] [--per-space N|all] [--seed S] [--svg FILE] [--json]
    """
    let options: [OptionSpec] = [
        .option("--out", value: "DIR", help: "Bench directory to write (build, import)."),
        .option("--spaces", value: "LIST", help: "Comma-separated space ids (build/export-csv default: nb201,nb101,nb301; stats: every registered space)."),
        .option("--shard", value: "K/N", help: "Build only the K-th of N disjoint parts (K = 1..N), for array jobs."),
        .option("--jobs", "-j", value: "N", help: "Worker threads (default: all cores)."),
        .option("--weights", value: "MODE", help: "none (default: dims only, like the ONNX-Bench goldens) or random (seeded values, runnable; large)."),
        .option("--seed", value: "S", help: "Seed for random weights, splits and stats sampling (default 0)."),
        .option("--limit", value: "N", help: "Only the first N labelled records of each space (quick runs)."),
        .option("--output", "-o", value: "FILE", help: "Output file (export-csv, split)."),
        .option("--variant", value: "NAME", help: "Encoding written by export-csv (default chain_slim)."),
        .option("--space", value: "ID", help: "import: space of entries that do not name one (reference rows, bare ONNX files)."),
        .option("--source", value: "TEXT", help: "import: provenance text for entries without one."),
        .option("--bench", value: "DIR", help: "stats: a bench directory to describe."),
        .option("--per-space", value: "N", help: "stats without --bench: architectures per space (default 1000; 'all' = every labelled record)."),
        .option("--svg", value: "FILE", help: "stats: write the JSD heatmap as SVG."),
        .flag("--json", help: "JSON output (stats)."),
    ]

    func run(_ args: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard let sub = args.positionals.first else {
            throw UsageError("expected a subcommand: build, index, export-csv, import, split, protocols, stats")
        }
        let rest = Array(args.positionals.dropFirst())
        do {
            switch sub {
            case "build": return try build(args, io: io)
            case "index": return try index(rest, args, io: io)
            case "export-csv": return try exportCSV(rest, args, io: io)
            case "import": return try importLabels(rest, args, io: io)
            case "split": return try split(rest, args, io: io)
            case "protocols":
                for p in BenchProtocol.all { io.out("\(p.id)\(String(repeating: " ", count: max(1, 24 - p.id.count)))\(p.summary)\n") }
                return ExitCode.success
            case "stats": return try stats(args, io: io)
            default: throw UsageError("unknown subcommand '\(sub)'")
            }
        } catch let e as BenchError {
            if case .usage(let message) = e { throw UsageError(message) }
            throw CommandFailure(e.description)
        }
    }

    // MARK: build / index

    private func build(_ args: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard let out = args.value("out") else { throw UsageError("missing --out DIR") }
        let spaces = try spaceList(args, default: EmbeddedBench.labelledSpaces)
        for s in spaces where !EmbeddedBench.labelledSpaces.contains(s) {
            throw UsageError("no embedded labels for '\(s)' (labelled: \(EmbeddedBench.labelledSpaces.joined(separator: ", "))); use `bench import` for other spaces")
        }
        let shard = try args.value("shard").map { try ShardSpec(parsing: $0) } ?? .all
        let limit = try limitOption(args)
        let options = BenchBuildOptions(directory: out, shard: shard, jobs: try jobs(args), weights: try weights(args))
        var records: [BenchRecord] = []
        for space in spaces {
            if space == BenchSpace.nb101.rawValue { io.err("bench: enumerating NB101 to match the labelled module hashes...\n") }
            let (found, report) = try EmbeddedBench.records(space: space)
            for (set, n) in report.duplicatesDropped.sorted(by: { $0.key < $1.key }) {
                io.err("bench: \(space): \(n) record(s) of \(set) repeat an architecture already labelled (by an earlier set or earlier in the same set); kept the first\n")
            }
            records += limit.map { Array(found.prefix($0)) } ?? found
        }
        let progress = ProgressReporter(label: "bench build \(shard)", total: shard.share(of: records.count),
                                        enabled: io.showsProgress)
        let summary = try BenchBuilder.build(records, options: options, progress: progress)
        io.out("""
        shard \(shard): \(summary.assigned) records, \(summary.written) written, \(summary.skipped) already finished, \
        \(summary.failures.count) failed, \(summary.staleTemporaryFilesRemoved) stale temporary file(s) removed \
        (\(DecimalText.fixed(summary.seconds, digits: 1)) s)
        index: \(summary.indexedRecords) records in \(BenchLayout.indexPath(out))\n
        """)
        if shard.count > 1 {
            io.out("after all shards finish, run `onnxnet bench index \(out)` to index every shard's files\n")
        }
        for p in summary.indexProblems.prefix(10) { io.err("bench: not indexed: \(p)\n") }
        for f in summary.failures.prefix(20) { io.err("bench: \(f.name): \(f.message)\n") }
        return summary.failures.isEmpty && summary.indexProblems.isEmpty ? ExitCode.success : ExitCode.failure
    }

    private func index(_ rest: [String], _ args: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard let dir = rest.first else { throw UsageError("expected a bench directory") }
        let result = try BenchIndex.rebuild(directory: dir, jobs: try jobs(args))
        io.out("index: \(result.records.count) records in \(BenchLayout.indexPath(dir))\n")
        for p in result.problems.prefix(20) { io.err("bench: not indexed: \(p)\n") }
        return result.problems.isEmpty ? ExitCode.success : ExitCode.failure
    }

    // MARK: export / import

    private func exportCSV(_ rest: [String], _ args: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard let output = args.value("output") else { throw UsageError("missing -o FILE.csv") }
        let variantName = args.value("variant") ?? EncodingVariant.chainSlim.rawValue
        guard let variant = EncodingVariant.named(variantName) else {
            throw UsageError("unknown --variant '\(variantName)'; known: \(EncodingVariant.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let jobs = try jobs(args)
        let rows: [ReferenceCSV.Row]
        let summary: BenchExport.Summary
        if let dir = rest.first {
            guard args.value("spaces") == nil else { throw UsageError("give a BENCH_DIR or --spaces, not both") }
            (rows, summary) = try BenchExport.rows(directory: dir, variant: variant, jobs: jobs,
                                                   progress: ProgressReporter(label: "export-csv", total: 0, enabled: false))
        } else {
            let limit = try limitOption(args)
            var records: [BenchRecord] = []
            for space in try spaceList(args, default: EmbeddedBench.labelledSpaces) {
                let found = try EmbeddedBench.records(space: space).records
                records += limit.map { Array(found.prefix($0)) } ?? found
            }
            (rows, summary) = try BenchExport.rows(records: records, variant: variant, jobs: jobs,
                                                   progress: ProgressReporter(label: "export-csv", total: records.count, enabled: io.showsProgress))
        }
        try BenchExport.write(rows, to: output)
        io.out("\(rows.count) rows (\(variant.rawValue)) written to \(output)\(summary.rowsWithWarnings > 0 ? "; \(summary.rowsWithWarnings) encodings with warnings" : "")\n")
        for p in summary.failures.prefix(20) { io.err("bench: \(p)\n") }
        return summary.failures.isEmpty ? ExitCode.success : ExitCode.failure
    }

    private func importLabels(_ rest: [String], _ args: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard let input = rest.first else { throw UsageError("expected a directory of ONNX files or a CSV file to import") }
        guard let out = args.value("out") else { throw UsageError("missing --out DIR") }
        let options = BenchImport.Options(directory: out, space: args.value("space"), source: args.value("source"),
                                          jobs: try jobs(args), weights: try weights(args))
        let summary = try BenchImport.run(input: input, options: options,
                                          progress: ProgressReporter(label: "bench import", total: 0, enabled: false))
        for w in summary.warnings { io.err("bench: warning: \(w)\n") }
        io.out("imported \(summary.imported) entries (\(summary.kind.rawValue)) into \(out); index: \(summary.indexedRecords) records\n")
        return ExitCode.success
    }

    // MARK: splits

    private func split(_ rest: [String], _ args: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard let id = rest.first else { throw UsageError("expected a PROTOCOL (see `onnxnet bench protocols`)") }
        let seed = try args.uint64("seed", default: 0)
        let (train, test) = try ProtocolSplit.make(protocol: id, seed: seed)
        io.out("\(id) seed \(seed): \(train.count) train, \(test.count) test\n")
        if let output = args.value("output") {
            var text = CSVWriter.line(["split", "space", "notation", "accuracy", "label", "source_file", "source_index"])
            for (part, records) in [("train", train), ("test", test)] {
                for r in records {
                    text += CSVWriter.line([part, r.space.rawValue, r.notation, r.accuracy.map(BenchMetadata.format) ?? "",
                                            r.primaryLabel, r.origin.file, String(r.sourceIndex)])
                }
            }
            do { try AtomicFile.write(text, to: output) } catch { throw CommandFailure("\(error)") }
            io.out("written to \(output)\n")
        }
        return ExitCode.success
    }

    // MARK: stats

    private func stats(_ args: ParsedArguments, io: CommandIO) throws -> Int32 {
        let jobs = try jobs(args)
        let report: BenchStatsReport
        if let dir = args.value("bench") {
            guard args.value("spaces") == nil else { throw UsageError("give --bench or --spaces, not both") }
            report = try BenchStats.collect(directory: dir, jobs: jobs,
                                            progress: ProgressReporter(label: "stats", total: 0, enabled: false))
        } else {
            let perSpace: Int?
            switch args.value("per-space") {
            case nil: perSpace = 1_000
            case "all": perSpace = nil
            case let text?:
                guard let n = Int(text), n > 0 else { throw UsageError("--per-space expects a positive whole number or 'all', got '\(text)'") }
                perSpace = n
            }
            let spaces = try spaceList(args, default: SearchSpaceRegistry.all.map(\.id))
            report = BenchStats.collect(spaces: spaces, perSpace: perSpace, seed: try args.uint64("seed", default: 0), jobs: jobs,
                                        progress: { id, n in ProgressReporter(label: "stats \(id)", total: n, enabled: io.showsProgress) })
        }
        if let svg = args.value("svg") {
            do { try AtomicFile.write(report.svg, to: svg) } catch { throw CommandFailure("\(error)") }
        }
        io.out(args.flag("json") ? report.json.prettyText + "\n" : report.table)
        return ExitCode.success
    }

    // MARK: option helpers

    private func spaceList(_ args: ParsedArguments, default all: [String]) throws -> [String] {
        guard let text = args.value("spaces") else { return all }
        let ids = text.split(separator: ",").map { String($0).trimmedSpaces() }.filter { !$0.isEmpty }
        guard !ids.isEmpty else { throw UsageError("--spaces is empty") }
        return ids
    }

    private func jobs(_ args: ParsedArguments) throws -> Int {
        let n = try args.int("jobs", default: ParallelMap.processorCount)
        guard n >= 1 else { throw UsageError("--jobs must be at least 1") }
        return n
    }

    private func limitOption(_ args: ParsedArguments) throws -> Int? {
        guard args.value("limit") != nil else { return nil }
        let n = try args.int("limit", default: 0)
        guard n >= 0 else { throw UsageError("--limit must not be negative") }
        return n
    }

    private func weights(_ args: ParsedArguments) throws -> WeightMode {
        switch args.value("weights") ?? "none" {
        case "none": return .shapesOnly
        case "random": return .random(seed: try args.uint64("seed", default: 0))
        case let other: throw UsageError("--weights must be none or random, not '\(other)'")
        }
    }
}

private extension String {
    func trimmedSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
