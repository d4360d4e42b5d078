/// The small subset of Python literal syntax that DARTS genotypes are written in: integers,
/// quoted strings, lists `[...]`, tuples `(...)` and calls `Name(arg, key=value)` (for
/// `Genotype(...)` and `range(2, 6)`). Parsing is bounded in length and nesting depth.
indirect enum DARTSLiteral {
    case integer(Int, offset: Int)
    case string(String, offset: Int)
    case sequence([DARTSLiteral], offset: Int)
    case call(name: String, positional: [DARTSLiteral], keywords: [(String, DARTSLiteral)], offset: Int)

    var offset: Int {
        switch self {
        case .integer(_, let o), .string(_, let o), .sequence(_, let o), .call(_, _, _, let o): return o
        }
    }

    /// Longest text looked at: a genotype needs about 450 characters.
    static let maxLength = 16_384
    static let maxDepth = 8

    static func parse(_ text: String) throws(DARTSError) -> DARTSLiteral {
        let bytes = Array(text.utf8)
        guard bytes.count <= maxLength else {
            throw .syntax("text of \(bytes.count) bytes is too long for a genotype", offset: 0)
        }
        var parser = Parser(bytes: bytes)
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.position == bytes.count else {
            throw .syntax("unexpected text after the genotype", offset: parser.position)
        }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var position = 0

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

        func describe(_ c: UInt8?) -> String {
            guard let c else { return "end of text" }
            return c >= 0x20 && c < 0x7F ? "'\(Character(Unicode.Scalar(c)))'" : "byte \(c)"
        }

        mutating func value(depth: Int) throws(DARTSError) -> DARTSLiteral {
            guard depth < DARTSLiteral.maxDepth else { throw .syntax("nesting deeper than \(DARTSLiteral.maxDepth) levels", offset: position) }
            skipSpace()
            let start = position
            guard let c = peek() else { throw .syntax("expected a value, found end of text", offset: position) }
            switch c {
            case UInt8(ascii: "["), UInt8(ascii: "("):
                position += 1
                let close = c == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: ")")
                let items = try list(until: close, depth: depth, allowKeywords: false).positional
                return .sequence(items, offset: start)
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                position += 1
                let body = position
                while let d = peek(), d != c {
                    guard d != UInt8(ascii: "\\"), d != 0x0A else { throw .syntax("escapes and line breaks are not allowed in names", offset: position) }
                    position += 1
                }
                guard peek() == c else { throw .syntax("unterminated string", offset: start) }
                let s = String(decoding: bytes[body..<position], as: UTF8.self)
                position += 1
                return .string(s, offset: start)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let negative = c == UInt8(ascii: "-")
                if negative { position += 1 }
                let digits = position
                var n = 0
                while let d = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(d) {
                    guard position - digits < 9 else { throw .syntax("number too long", offset: start) }
                    n = n * 10 + Int(d - UInt8(ascii: "0"))
                    position += 1
                }
                guard position > digits else { throw .syntax("expected digits after '-'", offset: position) }
                return .integer(negative ? -n : n, offset: start)
            default:
                guard isIdentifierStart(c) else { throw .syntax("unexpected \(describe(c))", offset: position) }
                let name = identifier()
                skipSpace()
                guard peek() == UInt8(ascii: "(") else {
                    throw .syntax("expected '(' after \(name); bare names are not values", offset: position)
                }
                position += 1
                let args = try list(until: UInt8(ascii: ")"), depth: depth, allowKeywords: true)
                return .call(name: name, positional: args.positional, keywords: args.keywords, offset: start)
            }
        }

        /// Comma-separated values up to `close` (a trailing comma is allowed, as in Python).
        mutating func list(until close: UInt8, depth: Int, allowKeywords: Bool) throws(DARTSError)
            -> (positional: [DARTSLiteral], keywords: [(String, DARTSLiteral)]) {
            var positional: [DARTSLiteral] = []
            var keywords: [(String, DARTSLiteral)] = []
            while true {
                skipSpace()
                if peek() == close { position += 1; return (positional, keywords) }
                if allowKeywords, let c = peek(), isIdentifierStart(c) {
                    let save = position
                    let name = identifier()
                    skipSpace()
                    if peek() == UInt8(ascii: "=") {
                        position += 1
                        keywords.append((name, try value(depth: depth + 1)))
                    } else {
                        position = save
                        positional.append(try value(depth: depth + 1))
                    }
                } else {
                    positional.append(try value(depth: depth + 1))
                }
                skipSpace()
                if peek() == UInt8(ascii: ",") { position += 1; continue }
                guard peek() == close else {
                    throw .syntax("expected ',' or '\(Character(Unicode.Scalar(close)))', found \(describe(peek()))", offset: position)
                }
            }
        }

        func isIdentifierStart(_ c: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c)
                || c == UInt8(ascii: "_")
        }

        mutating func identifier() -> String {
            let start = position
            while let c = peek(), isIdentifierStart(c) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) || c == UInt8(ascii: ".") {
                position += 1
            }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }
    }
}
