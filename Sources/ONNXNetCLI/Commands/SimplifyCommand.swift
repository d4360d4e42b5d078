import ONNXModel
import ONNXSimplify

/// `onnxnet simplify IN.onnx -o OUT.onnx [--json]`: canonicalise a real-world export (the
/// same pass `encode` and `predict` run by default on models we did not generate).
struct SimplifyCommand: Command {
    let name = "simplify"
    let abstract = "Canonicalise an export: fold constants and BatchNorm, drop no-ops and dead code, normalise opset forms."
    let usage = "onnxnet simplify IN.onnx -o OUT.onnx [--json]    (IN may be - for standard input; OUT - for standard output)"
    let options: [OptionSpec] = [
        .option("--output", "-o", value: "FILE", help: "Where to write the simplified model (atomically)."),
        .flag("--json", help: "Print what each pass changed as JSON on stdout (report on stderr otherwise)."),
    ]

    func run(_ args: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard args.positionals.count == 1 else { throw UsageError("expected exactly one input model") }
        guard let out = args.value("output") else { throw UsageError("missing -o OUT.onnx") }
        if out == "-" && args.flag("json") { throw UsageError("--json and -o - both want standard output") }
        let model = try ModelFiles.load(args.positionals[0], io: io)
        let (simplified, report): (Model, SimplifyReport)
        do { (simplified, report) = try Simplifier.simplifyWithReport(model) } catch { throw CommandFailure("\(error)") }
        if out == "-" {
            io.outBytes(simplified.serialized())
        } else {
            do { try ModelLoader.save(simplified, to: out) } catch { throw CommandFailure("\(error)") }
        }
        if args.flag("json") {
            io.out(report.json.prettyText + "\n")
        } else {
            io.err("simplified: \(report.nodesBefore) -> \(report.nodesAfter) nodes, \(report.bytesBefore) -> \(report.bytesAfter) bytes\n")
            for w in report.warnings { io.err("warning: \(w)\n") }
        }
        return ExitCode.success
    }
}

/// The canonicalisation `encode` and `predict` apply by default: models produced by our own
/// generators are already canonical and are left alone.
enum DefaultSimplification {
    static func apply(_ model: Model, enabled: Bool) -> Model {
        guard applies(toProducer: model.producerName, enabled: enabled) else { return model }
        return (try? Simplifier.simplify(model)) ?? model
    }

    /// Our own exports are canonical already; everything else is simplified when enabled.
    static func applies(toProducer producer: String, enabled: Bool) -> Bool { enabled && producer != "onnxnet" }
}
