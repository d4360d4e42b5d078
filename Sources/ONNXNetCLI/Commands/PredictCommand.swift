import ONNXModel
import ONNXNetSupport
import Surrogate

/// `onnxnet predict MODEL... [--surrogate FILE] [--json]`: the main job.
struct PredictCommand: Command {
    let name = "predict"
    let abstract = "Predict the CIFAR-10 accuracy of ONNX models (embedded surrogate by default)."
    let usage = """
    onnxnet predict MODEL... | DIR [--surrogate FILE] [--json] [--no-simplify]    (MODEL may be -)
    """
    let options: [OptionSpec] = [
        .option("--surrogate", value: "FILE", help: "A surrogate trained with `onnxnet train` (default: the embedded one)."),
        .flag("--json", help: "One JSON object per model: file, predicted_accuracy, uncertainty, out_of_distribution, ..."),
        .flag("--no-simplify", help: "Score the graph as stored (default: canonicalise exports we did not generate first)."),
        .option("--jobs", "-j", value: "N", help: "Parallel workers for many models (default: all cores)."),
    ]

    func run(_ args: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard !args.positionals.isEmpty else { throw UsageError("expected at least one MODEL or directory") }
        let surrogate = try Self.surrogate(args)
        let files = try ModelFiles.expand(args.positionals)
        if files.isEmpty { throw CommandFailure("no .onnx files found") }
        let simplify = !args.flag("no-simplify")
        let jobs = try args.int("jobs", default: ParallelMap.processorCount)
        let results = ParallelMap.run(files, jobs: jobs, progress: ProgressReporter(label: "predict", total: files.count, enabled: io.showsProgress && files.count > 50)) { path in
            Self.predict(path, surrogate: surrogate, simplify: simplify, io: io)
        }
        var failed = 0
        for (path, r) in zip(files, results) {
            switch r {
            case .success(let p):
                if args.flag("json") {
                    io.out(JSONValue.object([
                        ("file", .string(path)), ("predicted_accuracy", .double(p.predictedAccuracy)),
                        ("uncertainty", .double(p.uncertainty)), ("out_of_distribution", .bool(p.outOfDistribution)),
                        ("ood_score", .double(p.oodScore)), ("score", .double(p.score)),
                    ]).text + "\n")
                } else {
                    let warn = p.outOfDistribution ? "  [out of distribution: far from every training model; treat with care]" : ""
                    io.out("\(path): \(DecimalText.fixed(p.predictedAccuracy, digits: 2))% ± \(DecimalText.fixed(p.uncertainty, digits: 2)) (CIFAR-10 accuracy)\(warn)\n")
                }
            case .failure(let f):
                failed += 1
                if args.flag("json") {
                    io.out(JSONValue.object([("file", .string(path)), ("error", .string(f.message))]).text + "\n")
                }
                io.err("error: \(f.message)\n")
            }
        }
        return failed == 0 ? ExitCode.success : ExitCode.failure
    }

    /// The surrogate named by `--surrogate FILE`, else the embedded one.
    static func surrogate(_ args: ParsedArguments) throws -> SurrogateModel {
        do {
            return try args.value("surrogate").map { try SurrogateModel(path: $0) } ?? DefaultSurrogate.embedded()
        } catch {
            throw CommandFailure("cannot load the surrogate: \(error)")
        }
    }

    /// One file from its bytes to a prediction (what `perf predict` times).
    static func predict(_ path: String, surrogate: SurrogateModel, simplify: Bool, io: CommandIO) -> Result<Prediction, CommandFailure> {
        do {
            let model = DefaultSimplification.apply(try ModelFiles.load(path, io: io), enabled: simplify)
            return .success(surrogate.predict(model))
        } catch let e as CommandFailure { return .failure(e) } catch { return .failure(CommandFailure("\(error)")) }
    }
}
