/// A column-oriented table of label data, the format of the embedded resources (written by
/// `scripts/make_labels.py`, which documents it). Binary rather than text because it keeps
/// 40k+ records at full precision in ~1.3 MB and loads without number parsing.
///
/// Layout, little-endian: magic `ONNXLBL1`; `u32` row count; `u32` column count; `u32`
/// description length + UTF-8 description; then per column `u8` name length + name, `u8` kind
/// (1 float64, 2 float32, 3 uint32, 4 fixed-width bytes), `u32` bytes per row, and the rows.
struct LabelTable: Sendable {
    enum Kind: UInt8, Sendable, CustomStringConvertible {
        case float64 = 1, float32 = 2, uint32 = 3, bytes = 4

        var description: String {
            switch self {
            case .float64: return "float64"
            case .float32: return "float32"
            case .uint32: return "uint32"
            case .bytes: return "bytes"
            }
        }
    }

    struct Column: Sendable {
        let kind: Kind
        let width: Int
        /// Where the column's rows start in `bytes`.
        let offset: Int
    }

    static let magic: [UInt8] = Array("ONNXLBL1".utf8)
    /// Bounds that keep a corrupt header from asking for absurd allocations.
    static let maxRows = 10_000_000
    static let maxColumns = 256
    static let maxWidth = 4096

    let resource: String
    let rowCount: Int
    let description: String
    let columnNames: [String]
    private let columns: [String: Column]
    private let bytes: [UInt8]

    init(bytes: [UInt8], resource: String) throws(LabelResourceError) {
        var cursor = Cursor(bytes: bytes, resource: resource)
        guard bytes.count >= Self.magic.count, Array(bytes[0..<Self.magic.count]) == Self.magic else {
            throw .badMagic(resource: resource)
        }
        cursor.offset = Self.magic.count
        let rowsAt = cursor.offset
        let rows = Int(try cursor.u32())
        guard rows <= Self.maxRows else {
            throw .malformedHeader(resource: resource, offset: rowsAt, reason: "\(rows) rows exceed the limit \(Self.maxRows)")
        }
        let columnsAt = cursor.offset
        let columnCount = Int(try cursor.u32())
        guard columnCount <= Self.maxColumns else {
            throw .malformedHeader(resource: resource, offset: columnsAt,
                                   reason: "\(columnCount) columns exceed the limit \(Self.maxColumns)")
        }
        let descriptionLength = Int(try cursor.u32())
        let description = try cursor.utf8(count: descriptionLength)

        var names: [String] = []
        var table: [String: Column] = [:]
        for _ in 0..<columnCount {
            let nameAt = cursor.offset
            let name = try cursor.utf8(count: Int(try cursor.u8()))
            guard table[name] == nil else {
                throw .malformedHeader(resource: resource, offset: nameAt, reason: "column '\(name)' appears twice")
            }
            let kindAt = cursor.offset
            let rawKind = try cursor.u8()
            guard let kind = Kind(rawValue: rawKind) else {
                throw .malformedHeader(resource: resource, offset: kindAt, reason: "column '\(name)' has unknown kind \(rawKind)")
            }
            let width = Int(try cursor.u32())
            let fixedWidth: Int? = switch kind {
            case .float64: 8
            case .float32, .uint32: 4
            case .bytes: nil
            }
            guard width >= 1, width <= Self.maxWidth, fixedWidth == nil || fixedWidth == width else {
                throw .malformedHeader(resource: resource, offset: kindAt + 1,
                                       reason: "column '\(name)' of kind \(kind) has width \(width)")
            }
            let dataAt = cursor.offset
            try cursor.skip(rows * width)  // rows <= 1e7 and width <= 4096: no overflow
            names.append(name)
            table[name] = Column(kind: kind, width: width, offset: dataAt)
        }
        guard cursor.offset == bytes.count else { throw .trailingBytes(resource: resource, offset: cursor.offset) }

        self.resource = resource
        self.rowCount = rows
        self.description = description
        self.columnNames = names
        self.columns = table
        self.bytes = bytes
    }

    private func column(_ name: String) throws(LabelResourceError) -> Column {
        guard let column = columns[name] else { throw .missingColumn(resource: resource, column: name) }
        return column
    }

    /// A numeric column widened to `Double` (exact for all three numeric kinds).
    func doubles(_ name: String) throws(LabelResourceError) -> [Double] {
        let column = try column(name)
        guard column.kind != .bytes else {
            throw .wrongColumnFormat(resource: resource, column: name, expected: "a numeric column", found: "bytes")
        }
        let n = rowCount
        let base = column.offset
        return bytes.withUnsafeBytes { raw in
            [Double](unsafeUninitializedCapacity: n) { out, count in
                switch column.kind {
                case .float64:
                    for i in 0..<n {
                        let bits = raw.loadUnaligned(fromByteOffset: base + 8 * i, as: UInt64.self)
                        out[i] = Double(bitPattern: UInt64(littleEndian: bits))
                    }
                case .float32:
                    for i in 0..<n {
                        let bits = raw.loadUnaligned(fromByteOffset: base + 4 * i, as: UInt32.self)
                        out[i] = Double(Float(bitPattern: UInt32(littleEndian: bits)))
                    }
                case .uint32:
                    for i in 0..<n {
                        out[i] = Double(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: base + 4 * i, as: UInt32.self)))
                    }
                case .bytes:  // excluded above
                    break
                }
                count = column.kind == .bytes ? 0 : n
            }
        }
    }

    /// A fixed-width byte column as one flat array (row `i` is `[i * width ..< (i + 1) * width]`).
    func byteRows(_ name: String, width: Int) throws(LabelResourceError) -> [UInt8] {
        let column = try column(name)
        guard column.kind == .bytes, column.width == width else {
            throw .wrongColumnFormat(resource: resource, column: name, expected: "bytes x \(width)",
                                     found: column.kind == .bytes ? "bytes x \(column.width)" : column.kind.description)
        }
        return Array(bytes[column.offset..<(column.offset + rowCount * width)])
    }

    /// Fails unless the table holds exactly `expected` rows.
    func requireRows(_ expected: Int) throws(LabelResourceError) {
        guard rowCount == expected else { throw .wrongRecordCount(resource: resource, expected: expected, found: rowCount) }
    }
}

/// Bounds-checked little-endian reading of the table header.
private struct Cursor {
    let bytes: [UInt8]
    let resource: String
    var offset = 0

    init(bytes: [UInt8], resource: String) {
        self.bytes = bytes
        self.resource = resource
    }

    mutating func need(_ count: Int) throws(LabelResourceError) {
        guard count >= 0, count <= bytes.count - offset else {
            throw .truncated(resource: resource, offset: offset, needed: count - (bytes.count - offset))
        }
    }

    mutating func u8() throws(LabelResourceError) -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u32() throws(LabelResourceError) -> UInt32 {
        try need(4)
        defer { offset += 4 }
        return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }

    mutating func utf8(count: Int) throws(LabelResourceError) -> String {
        try need(count)
        let slice = bytes[offset..<(offset + count)]
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw .malformedHeader(resource: resource, offset: offset, reason: "text is not valid UTF-8")
        }
        offset += count
        return text
    }

    mutating func skip(_ count: Int) throws(LabelResourceError) {
        try need(count)
        offset += count
    }
}
