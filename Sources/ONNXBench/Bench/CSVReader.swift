import ONNXModel
import ONNXProto

/// One CSV record: its fields and the 1-based line it starts on (a quoted field may span
/// lines, so later records can start further down than their index suggests).
public struct CSVRecord: Equatable, Sendable {
    public let line: Int
    public let fields: [String]
}

/// An RFC 4180 reader that streams records from bytes (a memory-mapped file or a buffer):
/// comma separators; LF, CRLF or CR line ends; fields in double quotes may hold commas, line
/// breaks and doubled quotes; a UTF-8 byte order mark is skipped; blank lines are ignored.
/// Anything else (a stray quote, text after a closing quote, an unterminated quote, invalid
/// UTF-8, an absurdly long field) is an error naming the line.
public struct CSVReader {
    /// Longest field accepted (an encoding of a large network is tens of kilobytes).
    public static let maxFieldBytes = 16 << 20
    /// Most fields in one record.
    public static let maxFields = 4096

    private let storage: ByteStorage
    private let name: String
    private var position: Int
    private var line = 1

    /// Reads `path` (memory-mapped).
    public init(path: String) throws(BenchError) {
        do {
            storage = try ModelLoader.map(path: path)
        } catch {
            throw .io(path: path, message: "\(error)")
        }
        name = path
        position = 0
        skipByteOrderMark()
    }

    /// Reads bytes held in memory; `name` appears in error messages.
    public init(bytes: [UInt8], name: String) {
        storage = ByteStorage(copying: bytes)
        self.name = name
        position = 0
        skipByteOrderMark()
    }

    private mutating func skipByteOrderMark() {
        let b = storage.bytes
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { position = 3 }
    }

    /// The next non-blank record, or nil at the end.
    public mutating func next() throws(BenchError) -> CSVRecord? {
        let b = storage.bytes
        let end = b.count
        // Skip blank lines.
        while position < end, b[position] == 0x0A || b[position] == 0x0D { consumeLineEnd(b) }
        guard position < end else { return nil }
        let startLine = line
        var fields: [String] = []
        while true {
            let field = try readField(b, recordLine: startLine)
            fields.append(field)
            guard fields.count <= Self.maxFields else {
                throw .csv(file: name, line: startLine, message: "more than \(Self.maxFields) fields in one record")
            }
            if position >= end { break }
            let c = b[position]
            if c == 0x2C { position += 1; continue }
            // Line end.
            consumeLineEnd(b)
            break
        }
        return CSVRecord(line: startLine, fields: fields)
    }

    /// Consumes LF, CRLF or CR at `position`.
    private mutating func consumeLineEnd(_ b: UnsafeRawBufferPointer) {
        if b[position] == 0x0D, position + 1 < b.count, b[position + 1] == 0x0A { position += 1 }
        position += 1
        line += 1
    }

    private mutating func readField(_ b: UnsafeRawBufferPointer, recordLine: Int) throws(BenchError) -> String {
        let end = b.count
        if position < end, b[position] == 0x22 {
            let quoteLine = line
            position += 1
            var bytes: [UInt8] = []
            while true {
                guard position < end else {
                    throw .csv(file: name, line: quoteLine, message: "unterminated quoted field (a '\"' opened here is never closed)")
                }
                let c = b[position]
                if c == 0x22 {
                    if position + 1 < end, b[position + 1] == 0x22 {
                        bytes.append(0x22)
                        position += 2
                        continue
                    }
                    position += 1
                    break
                }
                if c == 0x0A || (c == 0x0D && !(position + 1 < end && b[position + 1] == 0x0A)) { line += 1 }
                bytes.append(c)
                position += 1
                guard bytes.count <= Self.maxFieldBytes else {
                    throw .csv(file: name, line: quoteLine, message: "field longer than \(Self.maxFieldBytes) bytes")
                }
            }
            if position < end, b[position] != 0x2C, b[position] != 0x0A, b[position] != 0x0D {
                throw .csv(file: name, line: line,
                           message: "unexpected '\(Self.show(b[position]))' after a closing quote (expected ',' or a line end)")
            }
            return try text(bytes, recordLine: quoteLine)
        }
        let start = position
        while position < end {
            let c = b[position]
            if c == 0x2C || c == 0x0A || c == 0x0D { break }
            if c == 0x22 {
                throw .csv(file: name, line: line,
                           message: "'\"' inside an unquoted field (quote the whole field and double the quote)")
            }
            position += 1
            guard position - start <= Self.maxFieldBytes else {
                throw .csv(file: name, line: line, message: "field longer than \(Self.maxFieldBytes) bytes")
            }
        }
        return try text(Array(b[start..<position]), recordLine: recordLine)
    }

    private func text(_ bytes: [UInt8], recordLine: Int) throws(BenchError) -> String {
        guard let s = String(validating: bytes, as: UTF8.self) else {
            throw .csv(file: name, line: recordLine, message: "field is not valid UTF-8")
        }
        return s
    }

    private static func show(_ c: UInt8) -> String {
        c >= 0x20 && c < 0x7F ? String(Unicode.Scalar(c)) : "\\x" + String(c, radix: 16)
    }
}

/// A CSV file with a header: records as dictionaries by column, checked for field counts.
public struct CSVTable {
    public let header: [String]
    private var reader: CSVReader
    private let name: String

    /// Reads the header and checks that `required` columns are there (other columns are
    /// allowed and ignored unless the caller asks for them).
    public init(reader: CSVReader, name: String, required: [String]) throws(BenchError) {
        var reader = reader
        guard let first = try reader.next() else { throw .csv(file: name, line: 1, message: "empty file, expected a header line") }
        let header = first.fields.map { $0.trimmingSpaces() }
        var seen = Set<String>()
        for column in header where !seen.insert(column).inserted {
            throw .csv(file: name, line: first.line, message: "column '\(column)' appears twice in the header")
        }
        let missing = required.filter { !seen.contains($0) }
        guard missing.isEmpty else {
            throw .csv(file: name, line: first.line,
                       message: "header lacks column(s) \(missing.joined(separator: ", ")); found: \(header.joined(separator: ","))")
        }
        self.header = header
        self.reader = reader
        self.name = name
    }

    /// The next record as column -> value, with its line; a record with another number of
    /// fields than the header is an error.
    public mutating func next() throws(BenchError) -> (line: Int, values: [String: String])? {
        guard let record = try reader.next() else { return nil }
        guard record.fields.count == header.count else {
            throw .csv(file: name, line: record.line,
                       message: "\(record.fields.count) fields, the header has \(header.count)")
        }
        var values: [String: String] = [:]
        for (column, value) in zip(header, record.fields) { values[column] = value }
        return (record.line, values)
    }
}

/// Writes CSV the way pandas' `to_csv` does by default: `\n` line ends, a field quoted only
/// when it holds a comma, a quote or a line break, quotes doubled.
public enum CSVWriter {
    public static func field(_ value: String) -> String {
        var needsQuotes = false
        for byte in value.utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        guard needsQuotes else { return value }
        var out = "\""
        for ch in value.unicodeScalars {
            if ch == "\"" { out += "\"\"" } else { out.unicodeScalars.append(ch) }
        }
        return out + "\""
    }

    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
