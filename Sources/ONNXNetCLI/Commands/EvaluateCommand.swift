import ONNXNetSupport
import Surrogate

/// `onnxnet evaluate --protocol ID [--seeds 0-4] [--svg FILE]`.
struct EvaluateCommand: Command {
    let name = "evaluate"
    let abstract = "Evaluate the surrogate on a protocol (Kendall tau-b, Spearman, MAE vs params/FLOPs baselines)."
    let usage = "onnxnet evaluate --protocol ID [--seeds 0-4] [--svg FILE] [--json]\nprotocols: nb201-1pct, nb201-10pct, nb101-424, nb101-to-nb201, leave-one-out"
    let options: [OptionSpec] = [
        .option("--protocol", value: "ID", help: "Which protocol (see ../shared/spec/protocols.md, listed above)."),
        .option("--seeds", value: "A-B|LIST", help: "Seeds, e.g. 0-4 (default) or 0,3."),
        .option("--svg", value: "FILE", help: "Write a predicted-vs-true scatter plot (first seed) as SVG."),
    ]

    func run(_ args: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard let id = args.value("protocol") else { throw UsageError("missing --protocol ID") }
        let proto: EvaluationProtocol
        do { proto = try EvaluationProtocol.named(id) } catch { throw UsageError("\(error)") }
        let seeds = try Self.parseSeeds(args.value("seeds") ?? "0-4")
        let config = SurrogateConfig()
        let pools = try LabelledPools.load(pools: Set(proto.requiredPools + proto.optionalPools), config: config.features, io: io)
        let report: ProtocolEvaluator.Report
        do {
            report = try ProtocolEvaluator.evaluate(protocol: id, pools: pools, seeds: seeds, config: config) { io.err($0 + "\n") }
        } catch { throw CommandFailure("\(error)") }
        io.out(report.table)
        if let svg = args.value("svg"), let row = report.rows.first {
            do { try AtomicFile.write(ScatterPlot.svg(points: row.scatter, title: "\(id): \(row.name)"), to: svg) } catch { throw CommandFailure("\(error)") }
        }
        return ExitCode.success
    }

    static func parseSeeds(_ text: String) throws -> [UInt64] {
        if let dash = text.firstIndex(of: "-"), let a = UInt64(text[..<dash]), let b = UInt64(text[text.index(after: dash)...]), a <= b, b - a < 1000 {
            return Array(a...b)
        }
        let list = text.split(separator: ",").compactMap { UInt64($0) }
        guard !list.isEmpty, list.count == text.split(separator: ",").count else { throw UsageError("--seeds expects A-B or a comma list, got '\(text)'") }
        return list
    }
}
