/// One `onnxnet` subcommand. Commands are thin: they parse arguments, call the library and
/// print; the work itself lives in the library targets.
public protocol Command: Sendable {
    /// `inspect`, `space`, ...
    var name: String { get }
    /// One line for the command list.
    var abstract: String { get }
    /// Usage lines shown by `--help` and after a usage error.
    var usage: String { get }
    var options: [OptionSpec] { get }
    /// Runs with parsed arguments and returns the exit code.
    func run(_ args: ParsedArguments, io: CommandIO) throws -> Int32
}

extension Command {
    /// `--help` text: usage, abstract and options.
    public var help: String {
        var text = "\(abstract)\n\nUsage:\n"
        for line in usage.split(separator: "\n") { text += "  \(line)\n" }
        let all = options + [.flag("--help", "-h", help: "Show this help.")]
        text += "\nOptions:\n"
        for o in all {
            let names = o.names.joined(separator: ", ") + (o.valueName.map { " \($0)" } ?? "")
            let pad = max(1, 28 - names.count)
            text += "  \(names)\(String(repeating: " ", count: pad))\(o.help)\n"
        }
        return text
    }
}

/// Exit codes (documented in the README).
public enum ExitCode {
    public static let success: Int32 = 0
    /// The command ran but failed (unreadable model, missing bench, ...), or some inputs failed.
    public static let failure: Int32 = 1
    /// Wrong arguments.
    public static let usage: Int32 = 2
}
