import ONNXBench
import ONNXNetSupport
import Surrogate

/// `onnxnet train --out FILE [--bench DIR] [--spaces LIST] [--protocol ID] [--seed S]`.
struct TrainCommand: Command {
    let name = "train"
    let abstract = "Train a surrogate on labelled architectures (embedded labels or a bench directory) and save it."
    let usage = "onnxnet train --out FILE [--bench DIR] [--spaces nb201,nb101,nb301] [--protocol ID] [--seed S] [--limit N] [--cache DIR] [--settings TEXT]"
    let options: [OptionSpec] = [
        .option("--out", "-o", value: "FILE", help: "Where to write the surrogate (atomically)."),
        .option("--bench", value: "DIR", help: "Train on a bench directory (`bench build` / `bench import`): its index and ONNX files."),
        .option("--spaces", value: "LIST", help: "Spaces to train on, in this order (default: nb201,nb101,nb301; with --bench every space in it)."),
        .option("--protocol", value: "ID", help: "Train on the training part of a protocol's split (seeded by --seed), e.g. nb201-1pct."),
        .option("--seed", value: "S", help: "Training seed (default 0); same seed, same model."),
        .option("--limit", value: "N", help: "At most N architectures per space (quick runs)."),
        .option("--cache", value: "DIR", help: "Keep the featurised architectures in DIR and reuse them next time."),
        SurrogateSettings.option,
    ]

    func run(_ args: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard let out = args.value("out") else { throw UsageError("missing --out FILE") }
        var config = try SurrogateSettings.config(args)
        config.seed = try args.uint64("seed", default: 0)
        let limit = args.value("limit") == nil ? nil : try args.int("limit", default: 0)
        let spaces = args.value("spaces").map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        var protocolSplit: BenchProtocol?
        if let id = args.value("protocol") {
            let expanded: [BenchProtocol]
            do { expanded = try BenchProtocol.expanding(id) } catch { throw UsageError("\(error)") }
            guard expanded.count == 1 else { throw UsageError("--protocol \(id) stands for several runs; name one, e.g. \(expanded[0].id)") }
            protocolSplit = expanded[0]
        }
        // Saved in the model: the command that made it (the default model's is in its README).
        var described = ["onnxnet train"]
        if let b = args.value("bench") { described.append("--bench \(b)") }
        if let s = args.value("spaces") ?? (args.value("bench") == nil ? EmbeddedBench.defaultTrainingOrder.joined(separator: ",") : nil) {
            described.append("--spaces \(s)")
        }
        if let p = args.value("protocol") { described.append("--protocol \(p)") }
        described.append("--seed \(config.seed)")
        if let limit { described.append("--limit \(limit)") }
        if let settings = args.value("settings") { described.append("--settings '\(settings)'") }
        let description = described.joined(separator: " ")
        if let bench = args.value("bench") {
            let records: [BenchRecord]
            do { records = try BenchIndex.read(directory: bench) } catch { throw CommandFailure("\(error)") }
            return try train(records, source: .bench(bench, records: records), spaces: spaces, protocolSplit: protocolSplit,
                             limit: limit, config: config, out: out, description: description, args: args, io: io)
        }
        let spaceList = spaces ?? EmbeddedBench.defaultTrainingOrder
        try LabelledFeatures.checkEmbedded(spaceList)  // before the protocol's records are loaded
        let records = try protocolSplit.map { try ProtocolSplit.defaultRecords(for: $0) }
            ?? LabelledFeatures.embeddedRecords(spaces: spaceList)
        return try train(records, source: .generated, spaces: spaceList, protocolSplit: protocolSplit,
                         limit: limit, config: config, out: out, description: description, args: args, io: io)
    }

    /// Groups `records` by space (in `spaces` order, or first appearance), keeps the
    /// protocol's training part when asked, featurises and fits.
    private func train<R: LabelledArchitecture>(_ all: [R], source: ModelSource, spaces: [String]?, protocolSplit: BenchProtocol?,
                                               limit: Int?, config: SurrogateConfig, out: String, description: String,
                                               args: ParsedArguments, io: CommandIO) throws -> Int32 {
        let t0 = monotonicSeconds()
        var records = all
        if let p = protocolSplit {
            records = try ProtocolSplit.make(p, seed: config.seed, records: all).train
            io.err("\(p.id) seed \(config.seed): \(records.count) training architectures\n")
        }
        var order: [String] = spaces ?? []
        if spaces == nil { for r in records where !order.contains(r.spaceID) { order.append(r.spaceID) } }
        var sets: [(space: String, records: [R])] = []
        for space in order {
            var part = ProtocolSplit.pool(records, space: space)
            if let limit, part.count > limit { part = Array(part.prefix(limit)) }
            if !part.isEmpty { sets.append((space, part)) }
        }
        guard sets.contains(where: { !$0.records.isEmpty }) else {
            throw CommandFailure("no labelled architectures to train on (spaces: \(order.joined(separator: ", ")))")
        }
        let labelled = try LabelledFeatures(records: sets.flatMap(\.records), source: source, config: config.features, io: io,
                                            cacheDirectory: args.value("cache"))
        let t1 = monotonicSeconds()
        let model: SurrogateModel
        do {
            model = try DefaultSurrogate.train(pools: sets.map { labelled.pool($0.space, records: $0.records) }, config: config,
                                               description: description, log: { io.err($0 + "\n") })
        } catch { throw CommandFailure("\(error)") }
        do { try model.write(to: out) } catch { throw CommandFailure("\(error)") }
        let t2 = monotonicSeconds()
        io.err("trained on \(model.info.trainingExamples) architectures: featurising \(Int(t1 - t0)) s, training \(Int(t2 - t1)) s; wrote \(out)\n")
        return ExitCode.success
    }
}
