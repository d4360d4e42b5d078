import ONNXModel
import ONNXShapeInference
import ONNXNetSupport

/// `onnxnet shapes MODEL [--json]`: the inferred type and shape of every value.
struct ShapesCommand: Command {
    let name = "shapes"
    let abstract = "Infer the element type and shape of every value in a model."
    let usage = "onnxnet shapes MODEL [--json]"
    let options: [OptionSpec] = [.flag("--json", help: "One JSON object: value name -> {elem_type, shape}.")]

    func run(_ args: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard args.positionals.count == 1 else { throw UsageError("expected exactly one MODEL") }
        let model = try ModelFiles.load(args.positionals[0], io: io)
        let result = ShapeInference.infer(model)
        if args.flag("json") {
            io.out(result.jsonText + "\n")
        } else {
            for node in model.graph.nodes {
                for o in node.outputs where !o.isEmpty {
                    let t = result.types[o]
                    let shape = t?.shape.map { "[" + $0.text + "]" } ?? "[unknown rank]"
                    io.out("\(o): \(t.map { $0.elementType.name } ?? "?")\(t == nil ? "" : shape)  (\(node.opType))\n")
                }
            }
        }
        for w in result.warnings { io.err("warning: \(w)\n") }
        return ExitCode.success
    }
}
