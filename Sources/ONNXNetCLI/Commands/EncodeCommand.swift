import Dispatch
import ONNXModel
import ONNXNetEncoding
import ONNXNetSupport
import Synchronization

/// `onnxnet encode MODEL... [--variant NAME] [--jsonl]`.
struct EncodeCommand: Command {
    let name = "encode"
    let abstract = "Print the ONNX-Net text encoding of models (chain_slim by default)."
    let usage = """
    onnxnet encode MODEL [--variant NAME]           one model: its encoding alone
    onnxnet encode MODEL... | DIR [--jsonl]         many models: one JSON line each
    """
    var options: [OptionSpec] {
        [
            .option("--variant", value: "NAME", help: "Encoding: " + EncodingVariant.allCases.map(\.rawValue).joined(separator: ", ") + "."),
            .flag("--jsonl", help: "JSON lines (name, accuracy, encoding, length, warnings) even for one model."),
            .option("--jobs", "-j", value: "N", help: "Parallel workers (default: all cores)."),
            .flag("--no-simplify", help: "Encode the graph as stored (default: canonicalise exports we did not generate first, see `simplify`)."),
        ]
    }

    func run(_ args: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard !args.positionals.isEmpty else { throw UsageError("expected at least one MODEL or directory") }
        let variantName = args.value("variant") ?? EncodingVariant.chainSlim.rawValue
        guard let variant = EncodingVariant.named(variantName) else {
            throw UsageError("unknown variant '\(variantName)'; known: " + EncodingVariant.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let files = try ModelFiles.expand(args.positionals)
        if files.isEmpty { throw CommandFailure("no .onnx files found") }
        let single = files.count == 1 && !args.flag("jsonl")
        let simplify = !args.flag("no-simplify")
        if single {
            let e = try Self.encode(files[0], variant: variant, simplify: simplify, io: io).encoding
            for w in e.warnings { io.err("warning: \(files[0]): \(w)\n") }
            io.out(e.text + "\n")
            return ExitCode.success
        }
        let jobs = try args.int("jobs", default: ParallelMap.processorCount)
        let results = ParallelMap.run(files, jobs: jobs, progress: ProgressReporter(label: "encode", total: files.count, enabled: io.showsProgress)) { path -> Result<(accuracy: String?, encoding: Encoding), CommandFailure> in
            do {
                return .success(try Self.encode(path, variant: variant, simplify: simplify, io: io))
            } catch let e as CommandFailure { return .failure(e) } catch { return .failure(CommandFailure("\(error)")) }
        }
        var failed = 0
        for (path, r) in zip(files, results) {
            switch r {
            case .success(let (accuracyText, e)):
                let accuracy: JSONValue = accuracyText.flatMap(Double.init).map { .double($0) } ?? .null
                var pairs: [(String, JSONValue)] = [
                    ("name", .string(ModelFiles.displayName(path))), ("file", .string(path)),
                    ("accuracy", accuracy), ("encoding", .string(e.text)), ("length", .int(e.text.count)),
                ]
                if !e.warnings.isEmpty { pairs.append(("warnings", .array(e.warnings.map { .string($0) }))) }
                io.out(JSONValue.object(pairs).text + "\n")
            case .failure(let f):
                failed += 1
                io.out(JSONValue.object([("name", .string(ModelFiles.displayName(path))), ("file", .string(path)), ("error", .string(f.message))]).text + "\n")
                io.err("error: \(f.message)\n")
            }
        }
        return failed == 0 ? ExitCode.success : ExitCode.failure
    }

    /// Encodes one file. A file encoded as stored (our own exports, or `--no-simplify`) is
    /// read as a view, the fast path; any other is decoded in full and canonicalised first
    /// (from the same bytes: standard input is read once).
    static func encode(_ path: String, variant: EncodingVariant, simplify: Bool,
                       io: CommandIO) throws -> (accuracy: String?, encoding: Encoding) {
        try ModelFiles.decode(path, io: io) { storage in
            let view = try ModelView(decoding: storage)
            guard DefaultSimplification.applies(toProducer: view.producerName, enabled: simplify) else {
                return (view.metadata("accuracy"), ONNXNetEncoder.encode(view, variant: variant))
            }
            let model = DefaultSimplification.apply(try Model(decoding: storage), enabled: simplify)
            return (model.metadata("accuracy"), ONNXNetEncoder.encode(model, variant: variant))
        }
    }
}
