/// Why a bench operation failed. Every case says where: the file, the CSV line, the record.
public enum BenchError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Bad input rows (import): every problem found, each with its line (or file), so that
    /// one run reports them all. Nothing was written.
    case invalidInput(source: String, problems: [BenchProblem])
    /// A CSV file that cannot be parsed at all (unterminated quote, wrong header, ...).
    case csv(file: String, line: Int, message: String)
    /// A file or directory could not be read or written.
    case io(path: String, message: String)
    /// An architecture could not be turned into ONNX.
    case build(name: String, message: String)
    /// A bench directory that is not one (no index, unknown layout).
    case notABench(path: String, message: String)
    /// Wrong arguments to a library call (bad shard, unknown space or protocol, ...).
    case usage(String)

    public var description: String {
        switch self {
        case let .invalidInput(source, problems):
            let shown = problems.prefix(50).map { "  " + $0.description }.joined(separator: "\n")
            let more = problems.count > 50 ? "\n  ... and \(problems.count - 50) more" : ""
            return "\(source): \(problems.count) bad \(problems.count == 1 ? "entry" : "entries"), nothing imported:\n\(shown)\(more)"
        case let .csv(file, line, message): return "\(file):\(line): \(message)"
        case let .io(path, message): return "\(path): \(message)"
        case let .build(name, message): return "\(name): cannot build: \(message)"
        case let .notABench(path, message): return "\(path): not a bench directory: \(message)"
        case let .usage(message): return message
        }
    }
}

/// One bad input entry: where (a 1-based line of a CSV file, or a file path) and what.
public struct BenchProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based line where the entry starts, or nil for entries that are files.
    public let line: Int?
    /// The file the entry is (directory import) or comes from.
    public let file: String?
    public let message: String

    public init(line: Int? = nil, file: String? = nil, message: String) {
        self.line = line
        self.file = file
        self.message = message
    }

    public var description: String {
        if let line { return "line \(line): \(message)" }
        if let file { return "\(file): \(message)" }
        return message
    }
}
