import ONNXModel
import ONNXNetSupport

/// `onnxnet inspect MODEL [--json]`.
struct InspectCommand: Command {
    let name = "inspect"
    let abstract = "Show what an ONNX model holds: producer, opsets, inputs/outputs, ops, parameters."
    let usage = "onnxnet inspect MODEL [--json]    (MODEL may be - for standard input)"
    let options: [OptionSpec] = [.flag("--json", help: "Print one JSON object.")]

    func run(_ args: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard args.positionals.count == 1 else { throw UsageError("expected exactly one MODEL") }
        let path = args.positionals[0]
        let model = try ModelFiles.load(path, io: io)
        let report = ModelReport(model: model, file: path)
        io.out(args.flag("json") ? report.json.prettyText + "\n" : report.text)
        return ExitCode.success
    }
}

/// The facts `inspect` prints, as text or JSON.
struct ModelReport {
    let model: Model
    let file: String
    let summary: ModelSummary

    init(model: Model, file: String) {
        self.model = model
        self.file = file
        self.summary = ModelSummary(model)
    }

    static func typeText(_ t: TypeProto?) -> String {
        guard let t else { return "?" }
        switch t.value {
        case let .tensor(e, s): return "\(e.name)[\(s.map { $0.text } ?? "unknown rank")]"
        case let .sparseTensor(e, s): return "sparse \(e.name)[\(s.map { $0.text } ?? "unknown rank")]"
        case .sequence(let inner): return "sequence<\(typeText(inner))>"
        case let .map(k, v): return "map<\(k.name),\(typeText(v))>"
        case .optional(let inner): return "optional<\(typeText(inner))>"
        case .none: return "?"
        }
    }

    static func valueJSON(_ v: ValueInfo) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("name", .string(v.name))]
        if case let .tensor(e, s)? = v.type?.value {
            pairs.append(("elem_type", .string(e.name)))
            if let s {
                pairs.append(("shape", .array(s.dims.map { d in
                    switch d.value {
                    case .value(let n): return .int(Int(n))
                    case .param(let p): return .string(p)
                    case .unknown: return .null
                    }
                })))
            } else {
                pairs.append(("shape", .null))
            }
        } else {
            pairs.append(("type", .string(typeText(v.type))))
        }
        return .object(pairs)
    }

    /// Graph inputs that are not initializers (old exporters list weights as inputs too).
    var realInputs: [ValueInfo] {
        let inits = Set(model.graph.initializers.map(\.name))
        return model.graph.inputs.filter { !inits.contains($0.name) }
    }

    var json: JSONValue {
        .object([
            ("file", .string(file)),
            ("producer_name", .string(model.producerName)),
            ("producer_version", .string(model.producerVersion)),
            ("ir_version", .int(Int(model.irVersion))),
            ("opsets", .object(model.opsetImports.map { ($0.domain.isEmpty ? "ai.onnx" : $0.domain, .int(Int($0.version))) })),
            ("inputs", .array(realInputs.map(Self.valueJSON))),
            ("outputs", .array(model.graph.outputs.map(Self.valueJSON))),
            ("node_count", .int(summary.nodeCount)),
            ("op_histogram", .object(summary.opHistogram.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
            ("initializer_count", .int(model.graph.initializers.count)),
            ("parameter_count", .int(summary.parameterCount)),
            ("initializer_bytes", .int(summary.initializerBytes)),
            ("function_count", .int(model.functions.count)),
            ("metadata", .object(model.metadataProps.map { ($0.key, .string($0.value)) })),
        ])
    }

    var text: String {
        var t = "file:          \(file)\n"
        t += "producer:      \(model.producerName) \(model.producerVersion)\n"
        t += "IR version:    \(model.irVersion)\n"
        t += "opsets:        " + model.opsetImports.map { "\($0.domain.isEmpty ? "ai.onnx" : $0.domain) \($0.version)" }.joined(separator: ", ") + "\n"
        t += "inputs:\n" + realInputs.map { "  \($0.name): \(Self.typeText($0.type))\n" }.joined()
        t += "outputs:\n" + model.graph.outputs.map { "  \($0.name): \(Self.typeText($0.type))\n" }.joined()
        t += "nodes:         \(summary.nodeCount)\n"
        for (op, n) in summary.opHistogram.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
            t += "  \(op)\(String(repeating: " ", count: max(1, 24 - op.count)))\(n)\n"
        }
        t += "parameters:    \(summary.parameterCount) in \(model.graph.initializers.count) initializers (\(summary.initializerBytes) bytes)\n"
        if !model.functions.isEmpty { t += "functions:     \(model.functions.count)\n" }
        if !model.metadataProps.isEmpty {
            t += "metadata:\n" + model.metadataProps.map { "  \($0.key) = \($0.value)\n" }.joined()
        }
        return t
    }
}
