import ONNXBench
import ONNXNetSupport
import Surrogate

/// `onnxnet evaluate --protocol ID [--seeds 0-4] [--svg FILE]`: the protocols and their
/// draws are the bench's (`ProtocolSplit`), the training and metrics the surrogate's.
struct EvaluateCommand: Command {
    let name = "evaluate"
    let abstract = "Evaluate the surrogate on a protocol (Kendall tau-b, Spearman, MAE vs params/FLOPs baselines)."
    let usage = "onnxnet evaluate --protocol ID [--seeds 0-4] [--bench DIR] [--svg FILE] [--cache DIR] [--settings TEXT]\n"
        + "protocols: nb201-1pct, nb201-10pct, nb101-424, nb101-to-nb201, leave-one-out (every labelled space held out in turn), leave-one-out:SPACE"
    let options: [OptionSpec] = [
        .option("--protocol", value: "ID", help: "Which protocol (see ../shared/spec/protocols.md, listed above)."),
        .option("--seeds", value: "A-B|LIST", help: "Seeds, e.g. 0-4 (default) or 0,3."),
        .option("--bench", value: "DIR", help: "Evaluate on a bench directory's records and ONNX files instead of the embedded labels."),
        .option("--svg", value: "FILE", help: "Write a predicted-vs-true scatter plot (first seed, first test set) as SVG."),
        .option("--cache", value: "DIR", help: "Keep the featurised architectures in DIR and reuse them next time."),
        SurrogateSettings.option,
    ]

    func run(_ args: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard let id = args.value("protocol") else { throw UsageError("missing --protocol ID") }
        let protocols: [BenchProtocol]
        do { protocols = try BenchProtocol.expanding(id) } catch { throw UsageError("\(error)") }
        let seeds = try Self.parseSeeds(args.value("seeds") ?? "0-4")
        let config = try SurrogateSettings.config(args)
        let report: ProtocolEvaluator.Report
        if let bench = args.value("bench") {
            let records: [BenchRecord]
            do { records = try BenchIndex.read(directory: bench) } catch { throw CommandFailure("\(error)") }
            report = try evaluate(id, protocols, populations: protocols.map { _ in records }, source: .bench(bench, records: records),
                                  seeds: seeds, config: config, args: args, io: io)
        } else {
            report = try evaluate(id, protocols, populations: try protocols.map { try ProtocolSplit.defaultRecords(for: $0) },
                                  source: .generated, seeds: seeds, config: config, args: args, io: io)
        }
        io.out(report.table)
        if let svg = args.value("svg"), let row = report.rows.first {
            do { try AtomicFile.write(ScatterPlot.svg(points: row.scatter, title: "\(id): \(row.name)"), to: svg) } catch { throw CommandFailure("\(error)") }
        }
        return ExitCode.success
    }

    /// Every seed's splits of every protocol over its population, featurised once.
    private func evaluate<R: LabelledArchitecture>(_ id: String, _ protocols: [BenchProtocol], populations: [[R]], source: ModelSource,
                                                  seeds: [UInt64], config: SurrogateConfig, args: ParsedArguments,
                                                  io: CommandIO) throws -> ProtocolEvaluator.Report {
        // Leave-one-out's runs share one population; LabelledFeatures featurises each record once.
        let labelled = try LabelledFeatures(records: Array(populations.joined()), source: source, config: config.features, io: io,
                                            cacheDirectory: args.value("cache"))
        do {
            return try ProtocolEvaluator.evaluate(protocol: id, seeds: seeds, config: config, log: { io.err($0 + "\n") }) { seed in
                try zip(protocols, populations).map { p, records in
                    let (train, test) = try ProtocolSplit.make(p, seed: seed, records: records)
                    let a = labelled.lookup(train), b = labelled.lookup(test)
                    return EvaluationSplit(name: p.testSpace, trainFeatures: a.features, trainAccuracies: a.accuracies,
                                           testFeatures: b.features, testAccuracies: b.accuracies)
                }
            }
        } catch { throw CommandFailure("\(error)") }
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
