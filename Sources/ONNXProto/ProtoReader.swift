/// Reads one message's fields from protobuf wire-format bytes.
///
/// Every read is bounds-checked against the end of the enclosing message, every error names
/// the byte offset and the field path, and no allocation is larger than the bytes that are
/// left (a repeated count is never trusted beyond what the input can hold).
public struct ProtoReader {
    public let storage: ByteStorage
    public let options: ProtoDecodingOptions
    /// Absolute offset of the next byte to read.
    public var position: Int { _position }
    @usableFromInline var _position: Int
    /// Absolute offset one past the last byte of this message.
    public var end: Int { _end }
    @usableFromInline var _end: Int
    public var depth: Int { _depth }
    @usableFromInline var _depth: Int
    /// Offset where the field being read started (its tag), for unknown-field capture.
    public var fieldStart: Int { _fieldStart }
    @usableFromInline var _fieldStart: Int = 0
    /// Strings read so far by this reader and its sub-readers (shared: one per decode).
    @usableFromInline let strings: StringInterner

    public init(storage: ByteStorage, options: ProtoDecodingOptions = .init()) {
        self.init(storage: storage, range: 0..<storage.count, options: options, depth: 0, strings: StringInterner())
    }

    public init(bytes: [UInt8], options: ProtoDecodingOptions = .init()) {
        self.init(storage: ByteStorage(copying: bytes), options: options)
    }

    /// A reader of the message at `range` of `storage`, nested `depth` messages deep (for
    /// decoding one part of a file on demand, e.g. a tensor a lazy view points at).
    public init(storage: ByteStorage, range: Range<Int>, options: ProtoDecodingOptions, depth: Int) {
        self.init(storage: storage, range: range, options: options, depth: depth, strings: StringInterner())
    }

    @usableFromInline
    init(storage: ByteStorage, range: Range<Int>, options: ProtoDecodingOptions, depth: Int, strings: StringInterner) {
        self.storage = storage
        self.options = options
        self._position = range.lowerBound
        self._end = range.upperBound
        self._depth = depth
        self.strings = strings
    }

    /// Goes back to `offset`, a position this reader has already passed in the current
    /// message: for a decoder that reads a message again in full after a first, lean pass.
    public mutating func rewind(to offset: Int) {
        precondition(offset >= 0 && offset <= _position, "rewind(to:) past the current position")
        _position = offset
    }

    public var isAtEnd: Bool { _position >= end }
    public var remaining: Int { end - _position }

    /// An error at this reader's level; enclosing `readMessage` calls prefix their field
    /// names as it propagates, so the success path never builds a path.
    public func error(_ kind: ProtoDecodingError.Kind, at offset: Int? = nil) -> ProtoDecodingError {
        ProtoDecodingError(kind, offset: offset ?? _position, path: FieldPath())
    }

    @inlinable @inline(__always)
    func byte(at i: Int) -> UInt8 { storage.base.unsafelyUnwrapped.load(fromByteOffset: i, as: UInt8.self) }

    // The hot readers below are inlinable so that the message decoders of other modules
    // inline the one-byte cases (nearly every tag and length) instead of calling in.

    // MARK: tags

    /// The next field's number and wire type, or nil at the end of the message.
    @inlinable
    public mutating func nextField() throws -> (number: Int, wireType: WireType)? {
        guard _position < end else { return nil }
        _fieldStart = _position
        let key = try readVarint()
        let raw = UInt8(truncatingIfNeeded: key & 7)
        guard let wire = WireType(rawValue: raw) else { throw error(.invalidWireType(raw), at: _fieldStart) }
        let number = key >> 3
        guard number >= 1, number <= 536_870_911 else { throw error(.invalidFieldNumber(number), at: _fieldStart) }
        return (Int(number), wire)
    }

    // MARK: scalars

    @inlinable
    public mutating func readVarint() throws -> UInt64 {
        if _position < end {
            let b = byte(at: _position)
            if b < 0x80 {
                _position += 1
                return UInt64(b)
            }
        }
        return try readLongVarint()
    }

    @usableFromInline @inline(never)
    mutating func readLongVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        let start = _position
        while true {
            guard _position < end else { throw error(.truncated, at: start) }
            let b = byte(at: _position)
            _position += 1
            if shift == 63 && b > 1 { throw error(.malformedVarint, at: start) }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw error(.malformedVarint, at: start) }
        }
    }

    public mutating func readFixed32() throws -> UInt32 {
        guard remaining >= 4 else { throw error(.truncated) }
        let v = storage.base!.loadUnaligned(fromByteOffset: _position, as: UInt32.self)
        _position += 4
        return UInt32(littleEndian: v)
    }

    public mutating func readFixed64() throws -> UInt64 {
        guard remaining >= 8 else { throw error(.truncated) }
        let v = storage.base!.loadUnaligned(fromByteOffset: _position, as: UInt64.self)
        _position += 8
        return UInt64(littleEndian: v)
    }

    /// Reads a length prefix and returns the absolute range of the payload it announces.
    // Inlined everywhere (every string and message starts here); the error is made out of line.
    @inlinable @inline(__always)
    public mutating func readLengthDelimitedRange() throws -> Range<Int> {
        let at = _position
        let length = try readVarint()
        guard length <= UInt64(remaining) else { throw lengthPastEnd(length, at: at) }
        let start = _position
        _position += Int(length)
        return start..<_position
    }

    /// `readLengthDelimitedRange` with two-byte lengths inline too: a message (a node, a
    /// value_info) is often longer than 127 bytes, rarely than 16 KiB.
    @inlinable @inline(__always)
    mutating func readMessageRange() throws -> Range<Int> {
        if _position + 1 < end {
            let low = byte(at: _position), high = byte(at: _position + 1)
            if low >= 0x80, high < 0x80 {
                let at = _position, length = Int(low & 0x7F) | Int(high) << 7
                _position += 2
                guard length <= remaining else { throw lengthPastEnd(UInt64(length), at: at) }
                let start = _position
                _position += length
                return start..<_position
            }
        }
        return try readLengthDelimitedRange()
    }

    @usableFromInline @inline(never)
    func lengthPastEnd(_ length: UInt64, at offset: Int) -> ProtoDecodingError {
        error(.lengthPastEnd(length: length, remaining: remaining), at: offset)
    }

    // MARK: typed field values (the wire type is checked by the caller via `expect`)

    @inlinable
    public func expect(_ wire: WireType, _ found: WireType) throws {
        if wire != found { throw error(.wrongWireType(expected: wire, found: found), at: _fieldStart) }
    }

    @inlinable
    public mutating func readInt64(_ wire: WireType) throws -> Int64 {
        try expect(.varint, wire)
        return Int64(bitPattern: try readVarint())
    }

    /// int32 on the wire is a sign-extended varint; protobuf truncates to 32 bits.
    @inlinable
    public mutating func readInt32(_ wire: WireType) throws -> Int32 {
        try expect(.varint, wire)
        return Int32(truncatingIfNeeded: Int64(bitPattern: try readVarint()))
    }

    public mutating func readFloat(_ wire: WireType) throws -> Float {
        try expect(.fixed32, wire)
        return Float(bitPattern: try readFixed32())
    }

    public mutating func readDouble(_ wire: WireType) throws -> Double {
        try expect(.fixed64, wire)
        return Double(bitPattern: try readFixed64())
    }

    public mutating func readBytes(_ wire: WireType) throws -> ByteSlice {
        try expect(.lengthDelimited, wire)
        let r = try readLengthDelimitedRange()
        return ByteSlice(storage: storage, offset: r.lowerBound, count: r.count)
    }

    public mutating func readByteArray(_ wire: WireType) throws -> [UInt8] {
        try readBytes(wire).array
    }

    public mutating func readString(_ wire: WireType) throws -> String {
        try expect(.lengthDelimited, wire)
        let r = try readLengthDelimitedRange()
        if r.isEmpty { return "" }
        // Names recur (a value is some node's output, other nodes' input, and in value_info):
        // one `String` per distinct short text, shared. Long texts (doc strings) are made
        // directly rather than copied into the table.
        if r.count <= StringInterner.maxLength {
            let id = try Self.intern(bytes(r), at: r.lowerBound, lender: storage, validating: options.validateUTF8, into: &strings.table)
            return strings.table[id]
        }
        return try Self.makeString(bytes(r), at: r.lowerBound, validating: options.validateUTF8)
    }

    /// A string field as its id in `table`: the `String` is made (and the bytes validated)
    /// only when the text is new, for decoders that keep ids rather than strings.
    public mutating func readString(_ wire: WireType, internedIn table: inout StringTable) throws -> Int {
        var recent = RecentKeys()
        return try readString(wire, internedIn: &table, recent: &recent)
    }

    /// `readString(_:internedIn:)` that first compares the text with the `recent` ones of its
    /// length (`RecentKeys`); the table keeps `storage` rather than a copy of a new text.
    @inlinable
    public mutating func readString(_ wire: WireType, internedIn table: inout StringTable, recent: inout RecentKeys) throws -> Int {
        let r = try readBytesRange(wire)
        let key = bytes(r), validating = options.validateUTF8, offset = r.lowerBound
        return try table.intern(bytes: key, lender: storage, recent: &recent) {
            try Self.makeString(key, at: offset, validating: validating)
        }
    }

    /// A string field as its id in `table`, its bytes validated when new, and no `String` made
    /// (`StringTable.intern(bytes:checkingNew:)`): for names a pass keeps as ids only. The
    /// text is first compared with the `recent` ones of its length (`RecentKeys`), and a new
    /// one is left in `storage`, which the table then keeps.
    @inlinable
    public mutating func readStringKey(_ wire: WireType, internedIn table: inout StringTable, recent: inout RecentKeys) throws -> Int {
        let r = try readBytesRange(wire)
        let validating = options.validateUTF8, offset = r.lowerBound
        return try table.intern(bytes: bytes(r), lender: storage, recent: &recent) {
            try Self.validate($0, at: offset, validating: validating)
        }
    }

    /// A string field as the absolute range of its bytes, validated as `readString` would,
    /// for decoders that copy or intern the bytes later instead of making a `String`.
    @inlinable @inline(__always)
    public mutating func readStringRange(_ wire: WireType) throws -> Range<Int> {
        let r = try readBytesRange(wire)
        try validateUTF8(r)
        return r
    }

    /// A length-delimited field as the absolute range of its payload, not validated: for a
    /// decoder that knows the bytes already (a name it has seen) and calls `validateUTF8` only
    /// when they are new.
    @inlinable @inline(__always)
    public mutating func readBytesRange(_ wire: WireType) throws -> Range<Int> {
        try expect(.lengthDelimited, wire)
        return try readLengthDelimitedRange()
    }

    /// Throws what `readString` throws for the bytes at `r` when they are not UTF-8 (and the
    /// options ask for validation). Plain ASCII, nearly every ONNX name, is checked inline.
    @inlinable @inline(__always)
    public func validateUTF8(_ r: Range<Int>) throws {
        guard options.validateUTF8, !r.isEmpty else { return }
        let buf = UnsafeRawBufferPointer(bytes(r))
        if !Self.isASCII(buf) { try Self.validateNonASCII(buf, at: r.lowerBound) }
    }

    /// The stored bytes at `r` (a range this reader returned); valid while `storage` lives.
    @inlinable
    public func bytes(_ r: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        if r.isEmpty { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: (storage.base.unsafelyUnwrapped + r.lowerBound).assumingMemoryBound(to: UInt8.self),
                                   count: r.count)
    }

    // The string helpers are static and take what they need: a closure or call that
    // captured the reader itself would copy it (retaining its storage) at every string.

    /// The table keeps `lender` (the decode's bytes: the table lives no longer) rather than a
    /// copy of each new text.
    private static func intern(_ key: UnsafeBufferPointer<UInt8>, at offset: Int, lender: ByteStorage, validating: Bool,
                               into table: inout StringTable) throws -> Int {
        try table.intern(bytes: key, lender: lender, storing: { try makeString(key, at: offset, validating: validating) })
    }

    /// A new string from `key` (the bytes at `offset`), validated as UTF-8 when asked.
    @usableFromInline
    static func makeString(_ key: UnsafeBufferPointer<UInt8>, at offset: Int, validating: Bool) throws -> String {
        try validate(key, at: offset, validating: validating)
        return String(decoding: key, as: UTF8.self)
    }

    @usableFromInline
    static func validate(_ key: UnsafeBufferPointer<UInt8>, at offset: Int, validating: Bool) throws {
        guard validating, !key.isEmpty else { return }
        let buf = UnsafeRawBufferPointer(key)
        // ONNX names are nearly always ASCII: check that first, validate fully otherwise.
        if !isASCII(buf) { try validateNonASCII(buf, at: offset) }
    }

    @usableFromInline @inline(never)
    static func validateNonASCII(_ buf: UnsafeRawBufferPointer, at offset: Int) throws {
        if !UTF8Validation.isValid(buf) {
            throw ProtoDecodingError(.invalidUTF8, offset: offset, path: FieldPath())
        }
    }

    /// Whether `buf` (not empty) is plain ASCII, 8 bytes at a time (the last 8 overlapping).
    @inlinable @inline(__always)
    static func isASCII(_ buf: UnsafeRawBufferPointer) -> Bool {
        let n = buf.count
        let p = buf.baseAddress.unsafelyUnwrapped
        let high: UInt64 = 0x8080_8080_8080_8080
        if n >= 8 {
            var i = 0
            while i &+ 8 < n {
                if p.loadUnaligned(fromByteOffset: i, as: UInt64.self) & high != 0 { return false }
                i &+= 8
            }
            return p.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) & high == 0
        }
        var i = 0
        while i < n {
            if p.load(fromByteOffset: i, as: UInt8.self) >= 0x80 { return false }
            i &+= 1
        }
        return true
    }

    // MARK: repeated scalars (packed or one element per field)

    /// Appends either one unpacked varint element or a whole packed run.
    public mutating func readRepeatedVarints(_ wire: WireType, into out: inout [UInt64]) throws {
        try readRepeatedVarints(wire, into: &out) { $0 }
    }

    public mutating func readRepeatedInt64(_ wire: WireType, into out: inout [Int64]) throws {
        try readRepeatedVarints(wire, into: &out) { Int64(bitPattern: $0) }
    }

    public mutating func readRepeatedInt32(_ wire: WireType, into out: inout [Int32]) throws {
        try readRepeatedVarints(wire, into: &out) { Int32(truncatingIfNeeded: Int64(bitPattern: $0)) }
    }

    /// Converts each varint straight into `out` (no temporary array per field: dims and
    /// ints attributes are read for nearly every tensor and node). On an error `out` may
    /// hold part of the run; the error discards the whole message anyway.
    @inline(__always)
    private mutating func readRepeatedVarints<T>(_ wire: WireType, into out: inout [T],
                                                 convert: (UInt64) -> T) throws {
        switch wire {
        case .varint:
            out.append(convert(try readVarint()))
        case .lengthDelimited:
            let r = try readLengthDelimitedRange()
            // Each element takes at least one byte: never reserve more than that.
            Self.reserve(r.count, in: &out)
            // One-byte elements (nearly all dims and attribute ints) are read in place; from
            // the first longer one on, a sub-reader takes over (and reports any error).
            let base = storage.base.unsafelyUnwrapped
            var p = r.lowerBound
            while p < r.upperBound {
                let b = base.load(fromByteOffset: p, as: UInt8.self)
                guard b < 0x80 else { break }
                out.append(convert(UInt64(b)))
                p += 1
            }
            if p < r.upperBound {
                var sub = ProtoReader(storage: storage, range: p..<r.upperBound, options: options, depth: depth, strings: strings)
                while !sub.isAtEnd { out.append(convert(try sub.readVarint())) }
            }
        default:
            throw error(.wrongWireType(expected: .varint, found: wire), at: _fieldStart)
        }
    }

    /// Room for `n` more elements, growing at least geometrically: a decoder may append many
    /// runs to one shared array (a graph view's initializer dims), which exact reservations
    /// would copy again at every run.
    @inline(__always)
    static func reserve<T>(_ n: Int, in out: inout [T]) {
        let needed = out.count + n
        if needed > out.capacity { out.reserveCapacity(Swift.max(needed, out.capacity * 2)) }
    }

    public mutating func readRepeatedUInt64(_ wire: WireType, into out: inout [UInt64]) throws {
        try readRepeatedVarints(wire, into: &out)
    }

    public mutating func readRepeatedFloat(_ wire: WireType, into out: inout [Float]) throws {
        try readRepeatedFixed(wire, elementWire: .fixed32, size: 4, into: &out) {
            Float(bitPattern: UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)))
        }
    }

    public mutating func readRepeatedDouble(_ wire: WireType, into out: inout [Double]) throws {
        try readRepeatedFixed(wire, elementWire: .fixed64, size: 8, into: &out) {
            Double(bitPattern: UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)))
        }
    }

    private mutating func readRepeatedFixed<T>(_ wire: WireType, elementWire: WireType, size: Int,
                                               into out: inout [T],
                                               load: (UnsafeRawPointer) -> T) throws {
        if wire == elementWire {
            guard remaining >= size else { throw error(.truncated) }
            out.append(load(storage.base! + _position))
            _position += size
            return
        }
        guard wire == .lengthDelimited else {
            throw error(.wrongWireType(expected: elementWire, found: wire), at: _fieldStart)
        }
        let r = try readLengthDelimitedRange()
        guard r.count % size == 0 else {
            throw error(.packedLengthMisaligned(length: r.count, elementSize: size), at: r.lowerBound)
        }
        let n = r.count / size
        Self.reserve(n, in: &out)
        let base = storage.base! + r.lowerBound
        for i in 0..<n { out.append(load(base + i * size)) }
    }

    // MARK: nested messages

    /// Decodes a length-delimited sub-message named `name` (index for repeated fields).
    @inlinable
    public mutating func readMessage<T>(_ wire: WireType, name: String, index: Int? = nil,
                                        _ body: (inout ProtoReader) throws -> T) throws -> T {
        try expect(.lengthDelimited, wire)
        let r = try readMessageRange()
        guard depth + 1 <= options.maxDepth else {
            throw error(.depthLimitExceeded(limit: options.maxDepth), at: r.lowerBound)
        }
        // The body reads this same reader narrowed to the sub-message: a sub-reader would
        // retain and release the storage and the string table at every message. The bounds
        // are restored however the body ends, and the field is consumed whole.
        let outerEnd = _end, outerFieldStart = _fieldStart
        _position = r.lowerBound
        _end = r.upperBound
        _depth += 1
        defer {
            _position = r.upperBound
            _end = outerEnd
            _depth -= 1
            _fieldStart = outerFieldStart
        }
        do {
            return try body(&self)
        } catch let e as ProtoDecodingError {
            throw e.prefixed(name, index: index)
        }
    }

    /// For a length-delimited field whose payload is exactly one varint field `number` < 16
    /// (e.g. `dim { dim_value: 16 }`): that varint, consuming the field. nil, consuming
    /// nothing, for any other payload, which the caller then decodes as a message (and which
    /// reports any error): a shortcut past a sub-reader for the most common tiny messages.
    @inlinable
    public mutating func readVarintOnlyMessage(_ wire: WireType, field number: Int) -> UInt64? {
        guard wire == .lengthDelimited, number > 0, number < 16, _position + 2 < end,
              depth + 1 <= options.maxDepth else { return nil }
        let length = Int(byte(at: _position))
        let start = _position + 2
        let payloadEnd = _position + 1 + length
        guard length >= 2, length <= 11, payloadEnd <= end,
              byte(at: _position + 1) == UInt8(truncatingIfNeeded: number << 3) else { return nil }
        guard let (value, next) = scanVarint(at: start, limit: payloadEnd), next == payloadEnd else { return nil }
        _position = payloadEnd
        return value
    }

    /// For a length-delimited field whose payload is exactly two length-delimited fields
    /// numbered `first` and `second` (1 to 15), in that order, each under 128 bytes (a
    /// `ValueInfoProto`'s name and type): their payloads, the field consumed. nil, consuming
    /// nothing, for any other payload, which the caller then decodes as a message: a shortcut
    /// past a nested message for the most common small ones, as `readVarintOnlyMessage` is.
    @inlinable @inline(__always)
    public mutating func readTwoFieldMessage(_ wire: WireType, fields first: Int, _ second: Int) -> (Range<Int>, Range<Int>)? {
        // Such a message is 4 to 258 bytes long: its length takes one or two bytes.
        guard wire == .lengthDelimited, first > 0, first < 16, second > 0, second < 16,
              depth + 1 <= options.maxDepth, _position + 1 < _end else { return nil }
        var length = Int(byte(at: _position)), start = _position + 1
        if length >= 0x80 {
            let high = Int(byte(at: start))
            guard high < 0x80 else { return nil }
            length = length & 0x7F | high << 7
            start += 1
        }
        let payloadEnd = start + length
        // Each field: one tag byte, one length byte, the bytes.
        guard length >= 4, length <= _end - start, byte(at: start) == UInt8(truncatingIfNeeded: first << 3 | 2) else { return nil }
        let firstLength = Int(byte(at: start + 1)), secondTag = start + 2 + firstLength
        guard firstLength < 0x80, secondTag + 2 <= payloadEnd,
              byte(at: secondTag) == UInt8(truncatingIfNeeded: second << 3 | 2) else { return nil }
        let secondLength = Int(byte(at: secondTag + 1))
        guard secondLength < 0x80, secondTag + 2 + secondLength == payloadEnd else { return nil }
        _position = payloadEnd
        return (start + 2..<secondTag, secondTag + 2..<payloadEnd)
    }

    /// The varint at absolute offset `p`, read no further than `limit`, and the offset after
    /// it; nil where `readVarint` would throw (it reaches `limit`, or it is longer than 64
    /// bits): for scans that stop quietly at malformed input.
    @inlinable @inline(__always)
    func scanVarint(at p: Int, limit: Int) -> (value: UInt64, next: Int)? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var i = p
        while i < limit {
            let b = byte(at: i)
            i &+= 1
            // The tenth byte may only hold the 64th bit.
            if shift == 63 && b > 1 { return nil }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return (result, i) }
            shift &+= 7
        }
        return nil
    }

    /// For a length-delimited field numbered `number` (1 to 15) whose tag was just read: its
    /// bytes and those of the fields numbered `number` right after it, tags included, all
    /// consumed. Exporters write a repeated field's elements together (a node's attributes), so
    /// a decoder can recognise a whole run it has read before. nil, consuming nothing, when one
    /// of them is malformed: the caller then reads them one by one, for their errors.
    @inlinable
    public mutating func readRun(ofField number: Int, _ wire: WireType) -> Range<Int>? {
        guard wire == .lengthDelimited, number > 0, number < 16 else { return nil }
        let tag = UInt8(truncatingIfNeeded: number << 3 | 2)
        var p = _position
        while true {
            guard let (length, start) = scanVarint(at: p, limit: _end), length <= UInt64(_end - start) else { return nil }
            p = start + Int(length)
            guard p < _end, byte(at: p) == tag else { break }
            p += 1
        }
        _position = p
        return _fieldStart..<p
    }

    // MARK: unknown fields

    /// Skips the value of a field this reader does not know and returns its raw bytes (tag
    /// included) so that writers can preserve it.
    @discardableResult
    public mutating func skipField(_ wire: WireType) throws -> ByteSlice {
        try skipValue(wire)
        return ByteSlice(storage: storage, offset: _fieldStart, count: _position - _fieldStart)
    }

    /// Skips the value of the field just read by `nextField`.
    @inlinable
    public mutating func skipValue(_ wire: WireType) throws {
        switch wire {
        case .varint: _ = try readVarint()
        case .fixed64:
            guard remaining >= 8 else { throw error(.truncated) }
            _position += 8
        case .fixed32:
            guard remaining >= 4 else { throw error(.truncated) }
            _position += 4
        case .lengthDelimited: _ = try readLengthDelimitedRange()
        case .startGroup, .endGroup: throw error(.groupsUnsupported, at: _fieldStart)
        }
    }

    /// Calls `body` with the number of each remaining field without decoding any, so that a
    /// decoder can size its repeated fields before reading them (appending one at a time
    /// reallocates and moves them again and again). Stops quietly at malformed input: the
    /// real read reports it, with its path.
    // The checks of `nextField` and `skipValue`, without their errors: this scan runs over
    // every graph and node before it is read.
    @inlinable
    public func forEachFieldNumber(_ body: (Int) -> Void) {
        var p = _position
        while p < _end {
            // Nearly every field here is a message or string with a one-byte tag and a length
            // under 16 KiB: read those inline.
            let tag = byte(at: p)
            if tag & 0x87 == 2, tag >= 8, p + 1 < _end {
                let low = Int(byte(at: p + 1))
                var length = -1, start = p + 2
                if low < 0x80 {
                    length = low
                } else if start < _end, byte(at: start) < 0x80 {
                    length = low & 0x7F | Int(byte(at: start)) << 7
                    start += 1
                }
                if length >= 0, length <= _end - start {
                    p = start + length
                    body(Int(tag >> 3))
                    continue
                }
            }
            guard let (key, afterKey) = scanVarint(at: p, limit: _end) else { return }
            let number = key >> 3
            guard number >= 1, number <= 536_870_911 else { return }
            switch key & 7 {
            case 0:
                guard let (_, next) = scanVarint(at: afterKey, limit: _end) else { return }
                p = next
            case 1:
                guard _end - afterKey >= 8 else { return }
                p = afterKey + 8
            case 2:
                guard let (length, start) = scanVarint(at: afterKey, limit: _end), length <= UInt64(_end - start) else { return }
                p = start + Int(length)
            case 5:
                guard _end - afterKey >= 4 else { return }
                p = afterKey + 4
            default: return
            }
            body(Int(number))
        }
    }
}

/// The string table of one decode, shared by a reader and all its sub-readers.
public final class StringInterner {
    /// Only read and written by the one decode that owns it, never concurrently.
    @exclusivity(unchecked) @usableFromInline var table = StringTable(expectedCount: 64)
    /// Texts longer than this are not interned (doc strings are rarely repeated).
    static let maxLength = 128

    public init() {}
}
