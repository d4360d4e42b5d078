/// Why an embedded label table could not be loaded. Every case names the resource file and,
/// where it applies, the byte offset, column and row, so a damaged file is easy to locate.
public enum LabelResourceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The resource is not in the bundle (or the directory given to the loader).
    case missing(resource: String)
    /// The file exists but could not be read.
    case unreadable(resource: String, reason: String)
    /// The file does not start with the table magic `ONNXLBL1`.
    case badMagic(resource: String)
    /// The file ends before a field that starts at `offset` and needs `needed` bytes.
    case truncated(resource: String, offset: Int, needed: Int)
    /// A header field is inconsistent (unknown column kind, bad width, too many rows, ...).
    case malformedHeader(resource: String, offset: Int, reason: String)
    /// Bytes remain after the last column.
    case trailingBytes(resource: String, offset: Int)
    /// A column the loader needs is absent, or has another kind or width.
    case missingColumn(resource: String, column: String)
    case wrongColumnFormat(resource: String, column: String, expected: String, found: String)
    /// The table holds a different number of records than this release ships.
    case wrongRecordCount(resource: String, expected: Int, found: Int)
    /// A stored value is outside what the column allows.
    case badValue(resource: String, column: String, row: Int, reason: String)

    public var description: String {
        switch self {
        case .missing(let r): return "label resource \(r): not found"
        case .unreadable(let r, let why): return "label resource \(r): cannot read (\(why))"
        case .badMagic(let r): return "label resource \(r): not a label table (magic ONNXLBL1 missing)"
        case .truncated(let r, let offset, let needed):
            return "label resource \(r): truncated at byte \(offset) (\(needed) more bytes needed)"
        case .malformedHeader(let r, let offset, let why): return "label resource \(r): byte \(offset): \(why)"
        case .trailingBytes(let r, let offset): return "label resource \(r): unexpected bytes after byte \(offset)"
        case .missingColumn(let r, let c): return "label resource \(r): column '\(c)' is missing"
        case .wrongColumnFormat(let r, let c, let expected, let found):
            return "label resource \(r): column '\(c)' is \(found), expected \(expected)"
        case .wrongRecordCount(let r, let expected, let found):
            return "label resource \(r): \(found) records, expected \(expected)"
        case .badValue(let r, let c, let row, let why): return "label resource \(r): column '\(c)' row \(row): \(why)"
        }
    }
}
