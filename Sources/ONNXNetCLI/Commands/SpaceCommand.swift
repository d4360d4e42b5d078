import ONNXModel
import ONNXNetSupport
import NetworkBuilder
import SearchSpaces

/// `onnxnet space list|count|enumerate|sample|export|info`.
struct SpaceCommand: Command {
    let name = "space"
    let abstract = "Search spaces: list, count, enumerate, sample, export as ONNX, info."
    let usage = """
    onnxnet space list [--json]
    onnxnet space count SPACE
    onnxnet space enumerate SPACE [--limit N]
    onnxnet space sample SPACE -n N [--seed S]
    onnxnet space export SPACE ARCH -o FILE.onnx [--weights random|none] [--seed S]
    onnxnet space info SPACE ARCH [--json]
    """
    let options: [OptionSpec] = [
        .flag("--json", help: "JSON output (list, info)."),
        .option("--count", "-n", value: "N", help: "How many architectures to sample."),
        .option("--seed", value: "S", help: "Seed for sampling or random weights (default 0)."),
        .option("--limit", value: "N", help: "Stop enumerating after N architectures."),
        .option("--output", "-o", value: "FILE", help: "Where export writes the model (- for stdout)."),
        .option("--weights", value: "MODE", help: "random (default: seeded values, runnable) or none (dims only, like the ONNX-Bench goldens)."),
    ]

    func run(_ args: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard let sub = args.positionals.first else { throw UsageError("expected a subcommand: list, count, enumerate, sample, export, info") }
        let rest = Array(args.positionals.dropFirst())
        func space() throws -> any SearchSpace {
            guard let id = rest.first else { throw UsageError("expected a SPACE (see `onnxnet space list`)") }
            do { return try SearchSpaceRegistry.space(id) } catch { throw UsageError("\(error)") }
        }
        func arch() throws -> String {
            guard rest.count >= 2 else { throw UsageError("expected an architecture in the space's notation") }
            return rest[1]
        }
        switch sub {
        case "list":
            let all = SearchSpaceRegistry.all
            if args.flag("json") {
                io.out(JSONValue.array(all.map { s in
                    .object([("id", .string(s.id)), ("summary", .string(s.summary)),
                             ("count", s.architectureCount.map { .int($0) } ?? .null), ("enumerable", .bool(s.isEnumerable))])
                }).prettyText + "\n")
            } else {
                for s in all {
                    let count = s.architectureCount.map(String.init) ?? "sampled"
                    io.out("\(s.id)\(String(repeating: " ", count: max(1, 10 - s.id.count)))\(count)\(String(repeating: " ", count: max(1, 10 - count.count)))\(s.summary)\n")
                }
            }
        case "count":
            let s = try space()
            guard let n = s.architectureCount else { throw CommandFailure("\(s.id) is too large to count; it can only be sampled") }
            io.out("\(n)\n")
        case "enumerate":
            let s = try space()
            let limit = try args.int("limit", default: Int.max)
            var emitted = 0
            var buffer = ""
            do {
                try s.enumerate { notation in
                    buffer += notation + "\n"
                    emitted += 1
                    if buffer.utf8.count > 1 << 16 { io.out(buffer); buffer = "" }
                    return emitted < limit
                }
            } catch let e as SearchSpaceError { throw CommandFailure(e.description) }
            io.out(buffer)
        case "sample":
            let s = try space()
            guard args.value("count") != nil else { throw UsageError("missing -n N") }
            let n = try args.int("count", default: 1)
            guard n >= 0 else { throw UsageError("-n must not be negative") }
            do {
                for a in try s.sample(count: n, seed: try args.uint64("seed", default: 0)) { io.out(a + "\n") }
            } catch let e as SearchSpaceError { throw CommandFailure(e.description) }
        case "export":
            let s = try space()
            let a = try arch()
            guard let out = args.value("output") else { throw UsageError("missing -o FILE.onnx") }
            let weights: WeightMode
            switch args.value("weights") ?? "random" {
            case "random": weights = .random(seed: try args.uint64("seed", default: 0))
            case "none": weights = .shapesOnly
            case let other: throw UsageError("--weights must be random or none, not '\(other)'")
            }
            let model: Model
            do { model = try s.build(a, weights: weights) } catch { throw CommandFailure("\(error)") }
            if out == "-" {
                io.outBytes(model.serialized())
            } else {
                do { try ModelLoader.save(model, to: out) } catch { throw CommandFailure("\(error)") }
            }
        case "info":
            let s = try space()
            let a = try arch()
            let info: ArchitectureInfo
            let canonical: String
            do {
                canonical = try s.canonicalize(a)
                info = try s.info(a)
            } catch { throw CommandFailure("\(error)") }
            if args.flag("json") {
                io.out(JSONValue.object([
                    ("space", .string(s.id)), ("architecture", .string(canonical)),
                    ("trainable_parameters", .int(info.trainableParameters)), ("flops", .int(info.flops)),
                    ("naslib_flops", info.naslibFlops.map { .int($0) } ?? .null),
                    ("node_count", .int(info.nodeCount)),
                ]).prettyText + "\n")
            } else {
                io.out("space:                 \(s.id)\narchitecture:          \(canonical)\ntrainable parameters:  \(info.trainableParameters)\nFLOPs (multiply-adds): \(info.flops)\n\(info.naslibFlops.map { "FLOPs (NASLib count): \($0)\n" } ?? "")ONNX nodes:            \(info.nodeCount)\n")
            }
        default:
            throw UsageError("unknown subcommand '\(sub)'")
        }
        return ExitCode.success
    }
}
