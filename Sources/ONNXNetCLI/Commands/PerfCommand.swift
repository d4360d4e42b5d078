import Foundation
import ONNXModel
import ONNXNetEncoding
import ONNXNetSupport
import NetworkBuilder
import SearchSpaces
import Surrogate

/// `onnxnet perf ...`: the speed benchmarks quoted in the README (run with `-c release`).
struct PerfCommand: Command {
    let name = "perf"
    let abstract = "Speed benchmarks: load, encode, generate, predict (use a release build)."
    let usage = """
    onnxnet perf load [MODEL...] [--synthetic-mb N] [--repeat R]
    onnxnet perf encode DIR|MODEL... [--variant NAME] [--jobs N] [--repeat R]
    onnxnet perf generate SPACE [--count N] [--jobs N]
    onnxnet perf predict DIR|MODEL... [--surrogate FILE] [--repeat R]
    """
    let options: [OptionSpec] = [
        .option("--synthetic-mb", value: "N", help: "Also time a synthetic model with an N MB initializer (default 100)."),
        .option("--repeat", value: "R", help: "Repetitions: load reports the median (default 5); encode and predict each file's fastest of R passes after a warm-up pass (default 3)."),
        .option("--variant", value: "NAME", help: "Encoding variant (default chain_slim)."),
        .option("--jobs", "-j", value: "N", help: "Worker threads (default 1 for per-item times)."),
        .option("--count", "-n", value: "N", help: "How many architectures to generate (default: all or 1000)."),
        .option("--surrogate", value: "FILE", help: "predict: a surrogate file (default: the embedded one)."),
        .flag("--json", help: "Print the figures as JSON."),
    ]

    func run(_ args: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard let sub = args.positionals.first else { throw UsageError("expected load, encode or generate") }
        let rest = Array(args.positionals.dropFirst())
        var figures: [(String, JSONValue)] = []
        switch sub {
        case "load":
            let repeats = max(1, try args.int("repeat", default: 5))
            for path in try ModelFiles.expand(rest) {
                let t = try Self.median(repeats) { _ = try ModelLoader.load(path: path) }
                figures.append((path, .double(t * 1000)))
                io.out("load \(path): \(Self.ms(t)) ms (median of \(repeats))\n")
            }
            let mb = try args.int("synthetic-mb", default: 100)
            if mb > 0 {
                let path = FileManager.default.temporaryDirectory.path + "/onnxnet-perf-\(getpid()).onnx"
                defer { unlink(path) }
                var g = Graph()
                g.name = "synthetic"
                let floats = mb * 1_000_000 / 4
                g.initializers = [Tensor(name: "w", dataType: .float, dims: [Int64(floats)], rawData: [UInt8](repeating: 1, count: floats * 4))]
                g.inputs = [ValueInfo(name: "x", type: .tensor(.float, [Int64(floats)]))]
                g.outputs = [ValueInfo(name: "y", type: .tensor(.float, [Int64(floats)]))]
                g.nodes = [Node(opType: "Add", inputs: ["x", "w"], outputs: ["y"])]
                try ModelLoader.save(Model(graph: g, opset: 17), to: path)
                let t = try Self.median(repeats) {
                    let m = try ModelLoader.load(path: path)
                    _ = ModelSummary(m)
                }
                figures.append(("synthetic_\(mb)MB_ms", .double(t * 1000)))
                io.out("load synthetic \(mb) MB model: \(Self.ms(t)) ms (median of \(repeats); payload stays memory-mapped)\n")
            }
        case "encode":
            let files = try ModelFiles.expand(rest)
            guard !files.isEmpty else { throw UsageError("expected a directory or models") }
            let variant = EncodingVariant.named(args.value("variant") ?? "chain_slim") ?? .chainSlim
            let jobs = try args.int("jobs", default: 1)
            // Per model on one core, as the reference runs: the file read as a view, shape
            // inference, the text.
            let perFile = Self.timePerFile(files, repeats: max(1, try args.int("repeat", default: 3))) { path in
                guard let m = try? ModelLoader.loadView(path: path) else { return false }
                return !ONNXNetEncoder.encode(m, variant: variant).text.isEmpty
            }
            // Throughput over `jobs` workers, one pass.
            let t0 = monotonicSeconds()
            let lengths = ParallelMap.run(files, jobs: jobs) { path -> Int in
                guard let m = try? ModelLoader.loadView(path: path) else { return -1 }
                // Bytes, not characters: counting graphemes would add a pass the encoding does not need.
                return ONNXNetEncoder.encode(m, variant: variant).text.utf8.count
            }
            let dt = monotonicSeconds() - t0
            let failed = lengths.filter { $0 < 0 }.count
            // Where the time goes, on one core: loading, shape inference, the text walk.
            var tLoad = 0.0, tInfer = 0.0, tWalk = 0.0
            for path in files {
                let a = monotonicSeconds()
                guard let m = try? ModelLoader.loadView(path: path) else { continue }
                let b = monotonicSeconds()
                let shapes = ShapeTable(inferring: m)
                let c = monotonicSeconds()
                _ = ONNXNetEncoder.encode(m.graph, variant: variant, shapes: shapes)
                tLoad += b - a; tInfer += c - b; tWalk += monotonicSeconds() - c
            }
            let n = Double(files.count)
            io.out("  per model: load \(Self.ms(tLoad / n)) ms, shape inference \(Self.ms(tInfer / n)) ms, walk \(Self.ms(tWalk / n)) ms\n")
            figures += [("models", .int(files.count))] + perFile.timeFigures
                + [("jobs", .int(jobs)), ("ms_per_model", .double(dt * 1000 / Double(files.count))),
                   ("models_per_second", .double(Double(files.count) / dt)), ("failed", .int(failed))]
            io.out("encoded \(files.count) models (\(variant.rawValue)) on one core: \(perFile.summary("file to text"))\n")
            io.out("encoded \(files.count) models (\(variant.rawValue), \(jobs) job(s), one pass) in \(Self.ms(dt)) ms: \(Self.ms(dt / Double(files.count))) ms per model, \(Int(Double(files.count) / dt)) models/s, \(failed) failed (load + shape inference + encoding)\n")
        case "generate":
            guard let id = rest.first else { throw UsageError("expected a SPACE") }
            let space: any SearchSpace
            do { space = try SearchSpaceRegistry.space(id) } catch { throw UsageError("\(error)") }
            var archs: [String] = []
            let count = try args.int("count", default: space.isEnumerable ? Int.max : 1000)
            if space.isEnumerable {
                try space.enumerate { a in archs.append(a); return archs.count < count }
            } else {
                archs = try space.sample(count: count, seed: 0)
            }
            let jobs = try args.int("jobs", default: ParallelMap.processorCount)
            let t0 = monotonicSeconds()
            let nodes = ParallelMap.run(archs, jobs: jobs) { a -> Int in
                (try? space.build(a, weights: .shapesOnly))?.graph.nodes.count ?? -1
            }
            let dt = monotonicSeconds() - t0
            figures += [("architectures", .int(archs.count)), ("jobs", .int(jobs)), ("seconds", .double(dt)),
                        ("failed", .int(nodes.filter { $0 < 0 }.count))]
            io.out("generated \(archs.count) \(space.id) graphs in memory (dims-only weights, \(jobs) job(s)) in \(String(format: "%.2f", dt)) s, \(nodes.filter { $0 < 0 }.count) failed\n")
        case "predict":
            figures += try predict(rest, args, io: io)
        default:
            throw UsageError("unknown benchmark '\(sub)'")
        }
        if args.flag("json") { io.out(JSONValue.object(figures).prettyText + "\n") }
        return ExitCode.success
    }

    /// Per-model time of `onnxnet predict` on one core, from the file's bytes to the score
    /// (read, decode, canonicalise, featurise, score), the surrogate loaded once beforehand.
    private func predict(_ paths: [String], _ args: ParsedArguments, io: CommandIO) throws -> [(String, JSONValue)] {
        let files = try ModelFiles.expand(paths)
        guard !files.isEmpty else { throw UsageError("expected a directory or models") }
        let surrogate = try PredictCommand.surrogate(args)
        let t = Self.timePerFile(files, repeats: max(1, try args.int("repeat", default: 3))) { path in
            if case .failure = PredictCommand.predict(path, surrogate: surrogate, simplify: true, io: io) { return false }
            return true
        }
        guard t.models > 0 else { throw CommandFailure("no model could be scored") }
        io.out("predicted \(t.models) models on one core: \(t.summary("file bytes to score")), \(t.failed) failed\n")
        return [("models", .int(t.models))] + t.timeFigures + [("failed", .int(t.failed))]
    }

    /// Per-file times on one core of `body` (false: the file failed).
    struct PerFileTimes {
        var models = 0, failed = 0, repeats = 0
        var median = 0.0, mean = 0.0, p95 = 0.0

        /// `median X ms, mean Y ms, 95th percentile Z ms per model (what, best of R)`.
        func summary(_ what: String) -> String {
            "median \(PerfCommand.ms(median)) ms, mean \(PerfCommand.ms(mean)) ms, 95th percentile \(PerfCommand.ms(p95)) ms "
                + "per model (\(what), best of \(repeats))"
        }

        /// The times for `--json`, in milliseconds.
        var timeFigures: [(String, JSONValue)] {
            [("median_ms", .double(median * 1000)), ("mean_ms", .double(mean * 1000)), ("p95_ms", .double(p95 * 1000))]
        }
    }

    /// One pass to warm the page cache and the allocator, then `repeats` timed passes; a
    /// file's figure is its fastest pass (the least disturbed by other processes).
    static func timePerFile(_ files: [String], repeats: Int, _ body: (String) -> Bool) -> PerFileTimes {
        var out = PerFileTimes()
        out.repeats = repeats
        var best = [Double](repeating: .infinity, count: files.count)
        for pass in 0...repeats {
            for (i, path) in files.enumerated() {
                let t0 = monotonicSeconds()
                let ok = body(path)
                let dt = monotonicSeconds() - t0
                if !ok { if pass == 0 { out.failed += 1 }; continue }
                if pass > 0 { best[i] = min(best[i], dt) }
            }
        }
        let times = best.filter(\.isFinite).sorted()
        guard !times.isEmpty else { return out }
        out.models = times.count
        out.mean = times.reduce(0, +) / Double(times.count)
        out.median = times[times.count / 2]
        out.p95 = times[min(times.count - 1, times.count * 95 / 100)]
        return out
    }

    static func median(_ n: Int, _ body: () throws -> Void) throws -> Double {
        var times: [Double] = []
        for _ in 0..<n {
            let t0 = monotonicSeconds()
            try body()
            times.append(monotonicSeconds() - t0)
        }
        return times.sorted()[times.count / 2]
    }

    static func ms(_ s: Double) -> String { String(format: "%.3f", s * 1000) }
}
