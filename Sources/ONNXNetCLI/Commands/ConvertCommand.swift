import ONNXModel

/// `onnxnet convert IN -o OUT [--strip-weights]`: reads and rewrites a model (a round trip
/// through our reader and writer), optionally dropping float weight payloads.
struct ConvertCommand: Command {
    let name = "convert"
    let abstract = "Rewrite a model through ONNXNet's reader/writer (optionally without weights)."
    let usage = "onnxnet convert IN.onnx -o OUT.onnx [--strip-weights]"
    let options: [OptionSpec] = [
        .option("--output", "-o", value: "FILE", help: "Where to write (atomically)."),
        .flag("--strip-weights", help: "Keep dims and type of float initializers but drop their data (like the ONNX-Bench goldens; not runnable)."),
    ]

    func run(_ args: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard args.positionals.count == 1 else { throw UsageError("expected exactly one input model") }
        guard let out = args.value("output") else { throw UsageError("missing -o OUT.onnx") }
        var model = try ModelFiles.load(args.positionals[0], io: io)
        if args.flag("strip-weights") {
            for i in model.graph.initializers.indices where model.graph.initializers[i].dataType.isFloatingPoint {
                model.graph.initializers[i].rawData = nil
                model.graph.initializers[i].floatData = []
                model.graph.initializers[i].doubleData = []
                model.graph.initializers[i].int32Data = []
            }
        }
        do { try ModelLoader.save(model, to: out) } catch { throw CommandFailure("\(error)") }
        return ExitCode.success
    }
}
