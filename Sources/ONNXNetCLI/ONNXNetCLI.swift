/// `onnxnet`: dispatches to subcommands. `run` is what `main.swift` and the tests call.
public enum ONNXNetCLI {
    public static let version = "0.1.0"

    public static var commands: [any Command] {
        [
            InspectCommand(), EncodeCommand(), ShapesCommand(), SimplifyCommand(), SpaceCommand(), ConvertCommand(), FuzzCommand(), BenchCommand(), PredictCommand(), TrainCommand(), EvaluateCommand(), PerfCommand(),
        ]
    }

    public static func run(_ arguments: [String], io: CommandIO = .standard()) -> Int32 {
        guard let first = arguments.first else {
            io.err(overview)
            return ExitCode.usage
        }
        if first == "--help" || first == "-h" || first == "help" {
            if first == "help", arguments.count > 1, let c = commands.first(where: { $0.name == arguments[1] }) {
                io.out(c.help)
            } else {
                io.out(overview)
            }
            return ExitCode.success
        }
        if first == "--version" { io.out("onnxnet \(version)\n"); return ExitCode.success }
        guard let command = commands.first(where: { $0.name == first }) else {
            io.err("onnxnet: unknown command '\(first)'\n\n" + overview)
            return ExitCode.usage
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            io.out(command.help)
            return ExitCode.success
        }
        do {
            let parsed = try ParsedArguments.parse(rest, specs: command.options)
            return try command.run(parsed, io: io)
        } catch let e as UsageError {
            io.err("onnxnet \(command.name): \(e.message)\n\nUsage:\n")
            for line in command.usage.split(separator: "\n") { io.err("  \(line)\n") }
            return ExitCode.usage
        } catch let e as CommandFailure {
            io.err("onnxnet \(command.name): \(e.message)\n")
            return ExitCode.failure
        } catch {
            io.err("onnxnet \(command.name): \(error)\n")
            return ExitCode.failure
        }
    }

    static var overview: String {
        var text = "onnxnet \(version): predict a neural network's accuracy from its ONNX file.\n\nCommands:\n"
        for c in commands {
            text += "  \(c.name)\(String(repeating: " ", count: max(1, 14 - c.name.count)))\(c.abstract)\n"
        }
        text += "\nRun `onnxnet COMMAND --help` for a command's options.\n"
        return text
    }
}
