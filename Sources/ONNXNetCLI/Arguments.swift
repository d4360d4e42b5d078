/// A command-line error: the message is shown with the command's usage, exit code 2.
public struct UsageError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A runtime failure of a command (bad input file, missing bench...): exit code 1.
public struct CommandFailure: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// One option a command accepts.
public struct OptionSpec: Sendable {
    public let names: [String]
    public let valueName: String?
    public let help: String

    /// A flag (`--json`).
    public static func flag(_ names: String..., help: String) -> OptionSpec {
        OptionSpec(names: names, valueName: nil, help: help)
    }

    /// An option with a value (`--variant NAME` or `--variant=NAME`).
    public static func option(_ names: String..., value: String, help: String) -> OptionSpec {
        OptionSpec(names: names, valueName: value, help: help)
    }
}

/// Parsed arguments of one command.
public struct ParsedArguments: Sendable {
    public var flags: Set<String> = []
    public var options: [String: [String]] = [:]
    public var positionals: [String] = []

    public func flag(_ name: String) -> Bool { flags.contains(name) }
    public func value(_ name: String) -> String? { options[name]?.last }
    public func values(_ name: String) -> [String] { options[name] ?? [] }

    public func int(_ name: String, default d: Int) throws -> Int {
        guard let v = value(name) else { return d }
        guard let i = Int(v) else { throw UsageError("--\(name) expects a whole number, got '\(v)'") }
        return i
    }

    public func double(_ name: String, default d: Double) throws -> Double {
        guard let v = value(name) else { return d }
        guard let x = Double(v) else { throw UsageError("--\(name) expects a number, got '\(v)'") }
        return x
    }

    public func uint64(_ name: String, default d: UInt64) throws -> UInt64 {
        guard let v = value(name) else { return d }
        guard let i = UInt64(v) else { throw UsageError("--\(name) expects a non-negative whole number, got '\(v)'") }
        return i
    }

    /// Parses `args` against `specs`. `--` ends options; `-` is a positional (stdin).
    public static func parse(_ args: [String], specs: [OptionSpec]) throws -> ParsedArguments {
        var result = ParsedArguments()
        var lookup: [String: OptionSpec] = [:]
        for s in specs { for n in s.names { lookup[n] = s } }
        var i = 0
        var onlyPositionals = false
        while i < args.count {
            let a = args[i]
            i += 1
            if onlyPositionals || a == "-" || !a.hasPrefix("-") { result.positionals.append(a); continue }
            if a == "--" { onlyPositionals = true; continue }
            var key = a
            var inline: String?
            if let eq = a.firstIndex(of: "=") {
                key = String(a[..<eq])
                inline = String(a[a.index(after: eq)...])
            }
            guard let spec = lookup[key] else { throw UsageError("unknown option '\(key)'") }
            let canonical = String(spec.names[0].drop { $0 == "-" })
            if spec.valueName == nil {
                if inline != nil { throw UsageError("\(key) takes no value") }
                result.flags.insert(canonical)
            } else {
                let v: String
                if let inline { v = inline } else {
                    guard i < args.count else { throw UsageError("\(key) needs a value (\(spec.valueName!))") }
                    v = args[i]
                    i += 1
                }
                result.options[canonical, default: []].append(v)
            }
        }
        return result
    }
}
