/// A small JSON reader for comparing against the `../shared/data` files. Not Foundation's
/// `JSONSerialization` because that (on Linux) rounds some long decimals differently from a
/// correctly rounded parse, and rejects NASLib's `-Infinity`/`NaN`; this one keeps object key
/// order (so record order can be checked) and parses numbers with `Double(String)`.
enum SourceJSON: Equatable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case null
    case array([SourceJSON])
    case object([(String, SourceJSON)])

    struct SyntaxError: Error, CustomStringConvertible {
        let offset: Int
        let reason: String
        var description: String { "JSON byte \(offset): \(reason)" }
    }

    static func == (a: SourceJSON, b: SourceJSON) -> Bool {
        switch (a, b) {
        case let (.number(x), .number(y)): return x == y || (x.isNaN && y.isNaN)
        case let (.string(x), .string(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case (.null, .null): return true
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    static func parse(_ bytes: [UInt8]) throws -> SourceJSON {
        var parser = Parser(bytes: bytes)
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.offset == bytes.count else { throw SyntaxError(offset: parser.offset, reason: "trailing text") }
        return value
    }

    subscript(key: String) -> SourceJSON? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    var pairs: [(String, SourceJSON)] {
        if case .object(let pairs) = self { return pairs }
        return []
    }

    var array: [SourceJSON] {
        if case .array(let items) = self { return items }
        return []
    }

    var number: Double? {
        if case .number(let v) = self { return v }
        return nil
    }

    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    private struct Parser {
        let bytes: [UInt8]
        var offset = 0

        mutating func skipSpace() {
            while offset < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[offset]) { offset += 1 }
        }

        mutating func expect(_ byte: UInt8) throws {
            skipSpace()
            guard offset < bytes.count, bytes[offset] == byte else {
                throw SyntaxError(offset: offset, reason: "expected '\(Character(Unicode.Scalar(byte)))'")
            }
            offset += 1
        }

        mutating func value(depth: Int) throws -> SourceJSON {
            guard depth < 64 else { throw SyntaxError(offset: offset, reason: "nesting too deep") }
            skipSpace()
            guard offset < bytes.count else { throw SyntaxError(offset: offset, reason: "unexpected end") }
            switch bytes[offset] {
            case UInt8(ascii: "{"):
                offset += 1
                var pairs: [(String, SourceJSON)] = []
                skipSpace()
                if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") { offset += 1; return .object(pairs) }
                while true {
                    skipSpace()
                    let key = try string()
                    try expect(UInt8(ascii: ":"))
                    pairs.append((key, try value(depth: depth + 1)))
                    skipSpace()
                    guard offset < bytes.count else { throw SyntaxError(offset: offset, reason: "unterminated object") }
                    if bytes[offset] == UInt8(ascii: "}") { offset += 1; return .object(pairs) }
                    try expect(UInt8(ascii: ","))
                }
            case UInt8(ascii: "["):
                offset += 1
                var items: [SourceJSON] = []
                skipSpace()
                if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") { offset += 1; return .array(items) }
                while true {
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard offset < bytes.count else { throw SyntaxError(offset: offset, reason: "unterminated array") }
                    if bytes[offset] == UInt8(ascii: "]") { offset += 1; return .array(items) }
                    try expect(UInt8(ascii: ","))
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            default:
                return try scalar()
            }
        }

        /// Strings without escapes beyond `\"` and `\\` (all the data files need).
        mutating func string() throws -> String {
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                throw SyntaxError(offset: offset, reason: "expected a string")
            }
            offset += 1
            var out: [UInt8] = []
            while offset < bytes.count, bytes[offset] != UInt8(ascii: "\"") {
                if bytes[offset] == UInt8(ascii: "\\"), offset + 1 < bytes.count { offset += 1 }
                out.append(bytes[offset])
                offset += 1
            }
            guard offset < bytes.count else { throw SyntaxError(offset: offset, reason: "unterminated string") }
            offset += 1
            return String(decoding: out, as: UTF8.self)
        }

        mutating func scalar() throws -> SourceJSON {
            let start = offset
            while offset < bytes.count, !",]} \n\r\t".utf8.contains(bytes[offset]) { offset += 1 }
            let token = String(decoding: bytes[start..<offset], as: UTF8.self)
            switch token {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            case "NaN": return .number(.nan)
            case "Infinity": return .number(.infinity)
            case "-Infinity": return .number(-.infinity)
            default:
                guard let v = Double(token) else { throw SyntaxError(offset: start, reason: "bad token '\(token)'") }
                return .number(v)
            }
        }
    }
}
