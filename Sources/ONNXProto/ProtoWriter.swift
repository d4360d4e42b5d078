/// Builds protobuf wire-format bytes. Fields are written in the order the caller gives;
/// nested messages are written in place and their length prefix inserted afterwards.
public struct ProtoWriter {
    public private(set) var bytes: [UInt8] = []

    public init(reservingCapacity n: Int = 0) { bytes.reserveCapacity(n) }

    public mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    public mutating func writeTag(_ field: Int, _ wire: WireType) {
        writeVarint(UInt64(field) << 3 | UInt64(wire.rawValue))
    }

    public mutating func writeInt64(_ field: Int, _ value: Int64) {
        writeTag(field, .varint)
        writeVarint(UInt64(bitPattern: value))
    }

    /// int32 values are sign-extended to 64 bits on the wire, as protobuf requires.
    public mutating func writeInt32(_ field: Int, _ value: Int32) {
        writeInt64(field, Int64(value))
    }

    public mutating func writeFloat(_ field: Int, _ value: Float) {
        writeTag(field, .fixed32)
        appendLittleEndian(value.bitPattern)
    }

    public mutating func writeDouble(_ field: Int, _ value: Double) {
        writeTag(field, .fixed64)
        appendLittleEndian(value.bitPattern)
    }

    public mutating func writeString(_ field: Int, _ value: String) {
        writeTag(field, .lengthDelimited)
        var s = value
        s.withUTF8 { buf in
            writeVarint(UInt64(buf.count))
            bytes.append(contentsOf: buf)
        }
    }

    public mutating func writeBytes(_ field: Int, _ value: [UInt8]) {
        writeTag(field, .lengthDelimited)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    public mutating func writeBytes(_ field: Int, _ value: ByteSlice) {
        writeTag(field, .lengthDelimited)
        writeVarint(UInt64(value.count))
        value.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    public mutating func writePackedVarints<S: Sequence>(_ field: Int, _ values: S) where S.Element == UInt64 {
        var inner = ProtoWriter()
        for v in values { inner.writeVarint(v) }
        guard !inner.bytes.isEmpty else { return }
        writeTag(field, .lengthDelimited)
        writeVarint(UInt64(inner.bytes.count))
        bytes.append(contentsOf: inner.bytes)
    }

    public mutating func writePackedInt64(_ field: Int, _ values: [Int64]) {
        writePackedVarints(field, values.lazy.map { UInt64(bitPattern: $0) })
    }

    public mutating func writePackedInt32(_ field: Int, _ values: [Int32]) {
        writePackedVarints(field, values.lazy.map { UInt64(bitPattern: Int64($0)) })
    }

    public mutating func writePackedFloat(_ field: Int, _ values: [Float]) {
        guard !values.isEmpty else { return }
        writeTag(field, .lengthDelimited)
        writeVarint(UInt64(values.count * 4))
        for v in values { appendLittleEndian(v.bitPattern) }
    }

    public mutating func writePackedDouble(_ field: Int, _ values: [Double]) {
        guard !values.isEmpty else { return }
        writeTag(field, .lengthDelimited)
        writeVarint(UInt64(values.count * 8))
        for v in values { appendLittleEndian(v.bitPattern) }
    }

    /// Writes a nested message: the body writes into this buffer, then the length prefix is
    /// inserted in front of it (one move of the body instead of a copy per nesting level).
    public mutating func writeMessage(_ field: Int, _ body: (inout ProtoWriter) -> Void) {
        writeTag(field, .lengthDelimited)
        let start = bytes.count
        body(&self)
        let length = bytes.count - start
        var prefix = ProtoWriter()
        prefix.writeVarint(UInt64(length))
        bytes.insert(contentsOf: prefix.bytes, at: start)
    }

    /// Appends raw, already-encoded bytes (preserved unknown fields).
    public mutating func writeRaw(_ raw: ByteSlice) {
        raw.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    private mutating func appendLittleEndian<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
