import ONNXModel
import ONNXNetEncoding
import ONNXNetSupport
import ONNXProto
import ONNXSimplify
import Surrogate

/// `onnxnet fuzz MODEL|DIR... --mutants N --seed S`: feeds mutated copies of real models
/// to the decoder (and everything that runs on a decoded model). A crash would end the
/// process; a hang shows up as the slowest-mutant time.
struct FuzzCommand: Command {
    let name = "fuzz"
    let abstract = "Robustness check: decode many mutated copies of real models."
    let usage = "onnxnet fuzz MODEL|DIR... [--mutants N] [--seed S] [--pipeline] [--json]"
    let options: [OptionSpec] = [
        .option("--mutants", "-n", value: "N", help: "How many mutants (default 10000)."),
        .option("--seed", value: "S", help: "Seed of the mutation generator (default 0)."),
        .option("--max-file-bytes", value: "N", help: "Skip corpus files larger than this (default 4 MiB)."),
        .flag("--pipeline", help: "Also run shape inference, every encoding (from the model and from its view), the simplifier and the surrogate's features on each decoded mutant."),
        .flag("--json", help: "Print the summary as JSON."),
    ]

    func run(_ args: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard !args.positionals.isEmpty else { throw UsageError("expected models or directories") }
        let files = try ModelFiles.expand(args.positionals)
        let maxBytes = try args.int("max-file-bytes", default: 4 << 20)
        var corpus: [[UInt8]] = []
        for f in files {
            guard let s = try? ModelLoader.map(path: f), s.count <= maxBytes else { continue }
            corpus.append(Array(s.bytes))
        }
        guard !corpus.isEmpty else { throw CommandFailure("no readable corpus files") }
        let summary = Fuzzer.run(corpus: corpus, mutants: try args.int("mutants", default: 10_000),
                                 seed: try args.uint64("seed", default: 0),
                                 progress: ProgressReporter(label: "fuzz", total: try args.int("mutants", default: 10_000), enabled: io.showsProgress),
                                 check: args.flag("pipeline") ? Fuzzer.pipeline : { _ in },
                                 checkView: args.flag("pipeline") ? Fuzzer.pipeline : { _ in })
        io.out(args.flag("json") ? summary.json.prettyText + "\n" : summary.text)
        return ExitCode.success
    }
}

/// The fuzz loop, callable from tests.
public enum Fuzzer {
    public struct Summary: Sendable {
        public var mutants = 0
        public var decoded = 0
        /// Mutants the encode path's view decoder accepted (it checks less than `Model`).
        public var viewDecoded = 0
        public var rejected = 0
        public var errorKinds: [String: Int] = [:]
        public var slowestSeconds = 0.0
        public var corpusFiles = 0

        var json: JSONValue {
            .object([("corpus_files", .int(corpusFiles)), ("mutants", .int(mutants)), ("decoded", .int(decoded)), ("view_decoded", .int(viewDecoded)),
                     ("rejected_with_error", .int(rejected)), ("crashes", .int(0)),
                     ("slowest_mutant_ms", .double(slowestSeconds * 1000)),
                     ("errors", .object(errorKinds.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }))])
        }

        var text: String {
            var t = "corpus files: \(corpusFiles)\nmutants: \(mutants)\ndecoded: \(decoded)\ndecoded as a view: \(viewDecoded)\nrejected with a typed error: \(rejected)\ncrashes: 0\n"
            t += "slowest mutant: \(Int(slowestSeconds * 1000)) ms\n"
            for (k, v) in errorKinds.sorted(by: { $0.key < $1.key }) { t += "  \(k): \(v)\n" }
            return t
        }
    }

    /// Runs `mutants` mutants; `check` runs on each decoded model and `checkView` on each
    /// mutant decoded as a `ModelView` (extra layers to exercise).
    public static func run(corpus: [[UInt8]], mutants: Int, seed: UInt64, progress: ProgressReporter? = nil,
                           check: (Model) -> Void = { _ in }, checkView: (ModelView) -> Void = { _ in }) -> Summary {
        var s = Summary()
        s.corpusFiles = corpus.count
        var mutator = ByteMutator(seed: seed)
        var pick = SeededGenerator(seed: seed &+ 1)
        for _ in 0..<mutants {
            let a = corpus[pick.below(corpus.count)]
            let donor = corpus[pick.below(corpus.count)]
            let (_, bytes) = mutator.mutate(a, donor: donor)
            let t0 = monotonicSeconds()
            let storage = ByteStorage(copying: bytes)
            if let view = try? ModelView(decoding: storage) {
                checkView(view)
                s.viewDecoded += 1
            }
            do {
                let m = try Model(decoding: storage)
                _ = ModelSummary(m)
                check(m)
                s.decoded += 1
            } catch let e as ProtoDecodingError {
                s.rejected += 1
                s.errorKinds[Self.kindName(e.kind), default: 0] += 1
            } catch {
                s.rejected += 1
                s.errorKinds["other", default: 0] += 1
            }
            s.slowestSeconds = max(s.slowestSeconds, monotonicSeconds() - t0)
            s.mutants += 1
            progress?.advance()
        }
        progress?.finish()
        return s
    }

    /// What `encode` runs on a file it reads as a view.
    public static func pipeline(_ m: ModelView) {
        _ = ONNXNetEncoder.encodeAll(m)
    }

    /// Everything that runs on a loaded model in normal use.
    public static func pipeline(_ m: Model) {
        _ = ONNXNetEncoder.encodeAll(m)
        _ = try? Simplifier.simplify(m)
        // What `predict` computes from a graph: the surrogate's features.
        _ = Surrogate.featurize([m], config: .default, threads: 1)
    }

    static func kindName(_ k: ProtoDecodingError.Kind) -> String {
        switch k {
        case .truncated: return "truncated"
        case .malformedVarint: return "malformed_varint"
        case .lengthPastEnd: return "length_past_end"
        case .invalidWireType: return "invalid_wire_type"
        case .wrongWireType: return "wrong_wire_type"
        case .invalidFieldNumber: return "invalid_field_number"
        case .depthLimitExceeded: return "depth_limit"
        case .invalidUTF8: return "invalid_utf8"
        case .packedLengthMisaligned: return "packed_misaligned"
        case .groupsUnsupported: return "groups"
        case .invalidValue: return "invalid_value"
        }
    }
}
