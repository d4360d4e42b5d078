import ONNXNetSupport
import Surrogate

/// `onnxnet train [--spaces LIST] --out FILE [--seed S]`.
struct TrainCommand: Command {
    let name = "train"
    let abstract = "Train a surrogate on labelled architectures (embedded labels) and save it."
    let usage = "onnxnet train --out FILE [--spaces nb201,nb101,nb301] [--seed S] [--limit N] [--cache DIR]"
    let options: [OptionSpec] = [
        .option("--out", "-o", value: "FILE", help: "Where to write the surrogate (atomically)."),
        .option("--spaces", value: "LIST", help: "Labelled spaces to train on, in this order (default nb201,nb101,nb301)."),
        .option("--seed", value: "S", help: "Training seed (default 0); same seed, same model."),
        .option("--limit", value: "N", help: "At most N architectures per space (quick runs)."),
        .option("--cache", value: "DIR", help: "Keep the featurised architectures in DIR and reuse them next time."),
    ]

    func run(_ args: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard let out = args.value("out") else { throw UsageError("missing --out FILE") }
        let spaces = args.value("spaces") ?? "nb201,nb101,nb301"
        var config = SurrogateConfig()
        config.seed = try args.uint64("seed", default: 0)
        let limit = args.value("limit") == nil ? nil : try args.int("limit", default: 0)
        let t0 = monotonicSeconds()
        let sets = try LabelledFeatures.embeddedRecords(spaces: spaces, limit: limit)
        let labelled = try LabelledFeatures(records: sets.flatMap(\.records), config: config.features, io: io,
                                            cacheDirectory: args.value("cache"))
        let t1 = monotonicSeconds()
        let model: SurrogateModel
        do {
            model = try DefaultSurrogate.train(pools: sets.map { labelled.pool($0.space, records: $0.records) }, config: config,
                                               description: "onnxnet train --spaces \(spaces) --seed \(config.seed)",
                                               log: { io.err($0 + "\n") })
        } catch { throw CommandFailure("\(error)") }
        do { try model.write(to: out) } catch { throw CommandFailure("\(error)") }
        let t2 = monotonicSeconds()
        io.err("trained on \(model.info.trainingExamples) architectures: featurising \(Int(t1 - t0)) s, training \(Int(t2 - t1)) s; wrote \(out)\n")
        return ExitCode.success
    }
}
