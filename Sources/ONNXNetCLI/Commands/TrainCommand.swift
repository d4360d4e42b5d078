import ONNXNetSupport
import Surrogate

/// `onnxnet train [--spaces LIST] --out FILE [--seed S]`.
struct TrainCommand: Command {
    let name = "train"
    let abstract = "Train a surrogate on labelled architectures (embedded labels) and save it."
    let usage = "onnxnet train --out FILE [--spaces nb201,nb101,nb301] [--seed S] [--limit N]"
    let options: [OptionSpec] = [
        .option("--out", "-o", value: "FILE", help: "Where to write the surrogate (atomically)."),
        .option("--spaces", value: "LIST", help: "Labelled spaces to train on (default nb201,nb101,nb301)."),
        .option("--seed", value: "S", help: "Training seed (default 0); same seed, same model."),
        .option("--limit", value: "N", help: "At most N architectures per label set (quick runs)."),
    ]

    func run(_ args: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard let out = args.value("out") else { throw UsageError("missing --out FILE") }
        let names = try LabelledPools.poolNames(forSpaces: args.value("spaces") ?? "nb201,nb101,nb301")
        var config = SurrogateConfig()
        config.seed = try args.uint64("seed", default: 0)
        let limit = args.value("limit") == nil ? nil : try args.int("limit", default: 0)
        let pools = try LabelledPools.load(pools: names, config: config.features, io: io, limit: limit)
        let t0 = monotonicSeconds()
        let model: SurrogateModel
        do {
            model = try DefaultSurrogate.train(pools: pools, config: config,
                                               description: "onnxnet train --spaces \(args.value("spaces") ?? "nb201,nb101,nb301") --seed \(config.seed)")
        } catch { throw CommandFailure("\(error)") }
        do { try model.write(to: out) } catch { throw CommandFailure("\(error)") }
        io.err("trained on \(model.info.trainingExamples) architectures in \(Int(monotonicSeconds() - t0)) s; wrote \(out)\n")
        return ExitCode.success
    }
}
