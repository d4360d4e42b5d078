import ONNXProto

/// `TensorProto`. `rawData` stays a slice of the loaded bytes (for a memory-mapped file: of
/// the mapping) until a caller asks for values.
public struct Tensor: Equatable, Hashable, Sendable {
    /// Optional fields that were present on the wire (see `FieldPresence`).
    public var presence = FieldPresence()
    public struct Segment: Equatable, Hashable, Sendable {
        public var begin: Int64
        public var end: Int64
    }

    public var dims: [Int64] = []
    public var dataType: DataType = .undefined
    public var segment: Segment?
    public var floatData: [Float] = []
    public var int32Data: [Int32] = []
    public var stringData: [[UInt8]] = []
    public var int64Data: [Int64] = []
    public var name: String = ""
    public var docString: String = ""
    public var rawData: ByteSlice?
    public var doubleData: [Double] = []
    public var uint64Data: [UInt64] = []
    /// Where the payload lives when `dataLocation == .external`; only followed on request.
    public var externalData: [StringPair] = []
    public var dataLocation: Int32 = 0
    public var metadataProps: [StringPair] = []
    public var unknownFields = UnknownFields()

    public static let externalLocation: Int32 = 1

    public init() {}

    public init(name: String, dataType: DataType, dims: [Int64], rawData: [UInt8]) {
        self.name = name
        self.dataType = dataType
        self.dims = dims
        self.rawData = ByteSlice(rawData)
    }

    /// Number of elements (product of dims; 1 for a scalar); nil when it overflows or a dim is negative.
    public var elementCount: Int? {
        var n = 1
        for d in dims {
            guard d >= 0 else { return nil }
            let (p, o) = n.multipliedReportingOverflow(by: Int(d))
            if o { return nil }
            n = p
        }
        return n
    }

    public var isExternal: Bool { dataLocation == Self.externalLocation }

    /// Bytes the payload takes in this file (raw_data, typed fields or the external length).
    public var payloadByteCount: Int {
        if let raw = rawData { return raw.count }
        if isExternal, let len = externalData.first(where: { $0.key == "length" }).flatMap({ Int($0.value) }) {
            return len
        }
        return floatData.count * 4 + int32Data.count * 4 + int64Data.count * 8 + doubleData.count * 8
            + uint64Data.count * 8 + stringData.reduce(0) { $0 + $1.count }
    }

    /// Decodes the `TensorProto` at `range` of `storage` (an initializer of a `GraphView`,
    /// read when a rule needs its values).
    static func decoding(_ storage: ByteStorage, range: Range<Int>, options: ProtoDecodingOptions) throws -> Tensor {
        var r = ProtoReader(storage: storage, range: range, options: options, depth: 2)
        return try Tensor(from: &r)
    }

    init(from r: inout ProtoReader) throws {
        while let (field, wire) = try r.nextField() {
            switch field {
            case 1: try r.readRepeatedInt64(wire, into: &dims)
            case 2: dataType = DataType(rawValue: try r.readInt32(wire))
            case 3: segment = try r.readMessage(wire, name: "segment") { s in
                var seg = Segment(begin: 0, end: 0)
                while let (f, w) = try s.nextField() {
                    switch f {
                    case 1: seg.begin = try s.readInt64(w)
                    case 2: seg.end = try s.readInt64(w)
                    default: try s.skipField(w)
                    }
                }
                return seg
            }
            case 4: try r.readRepeatedFloat(wire, into: &floatData)
            case 5: try r.readRepeatedInt32(wire, into: &int32Data)
            case 6: stringData.append(try r.readByteArray(wire))
            case 7: try r.readRepeatedInt64(wire, into: &int64Data)
            case 8: presence.mark(8); name = try r.readString(wire)
            case 9: rawData = try r.readBytes(wire)
            case 10: try r.readRepeatedDouble(wire, into: &doubleData)
            case 11: try r.readRepeatedUInt64(wire, into: &uint64Data)
            case 12: presence.mark(12); docString = try r.readString(wire)
            case 13: externalData.append(try r.readPair(wire, name: "external_data", index: externalData.count))
            case 14: presence.mark(14); dataLocation = try r.readInt32(wire)
            case 16: metadataProps.append(try r.readPair(wire, name: "metadata_props", index: metadataProps.count))
            default: unknownFields.append(try r.skipField(wire))
            }
        }
    }

    func encode(to w: inout ProtoWriter) {
        w.writePackedInt64(1, dims)
        w.writeInt32(2, dataType.rawValue)
        if let s = segment { w.writeMessage(3) { $0.writeInt64(1, s.begin); $0.writeInt64(2, s.end) } }
        w.writePackedFloat(4, floatData)
        w.writePackedInt32(5, int32Data)
        for s in stringData { w.writeBytes(6, s) }
        w.writePackedInt64(7, int64Data)
        if !name.isEmpty || presence.has(8) { w.writeString(8, name) }
        if let raw = rawData { w.writeBytes(9, raw) }
        w.writePackedDouble(10, doubleData)
        w.writePackedVarints(11, uint64Data)
        if !docString.isEmpty || presence.has(12) { w.writeString(12, docString) }
        for p in externalData { w.writeMessage(13) { p.encode(to: &$0) } }
        if dataLocation != 0 || presence.has(14) { w.writeInt32(14, dataLocation) }
        for p in metadataProps { w.writeMessage(16) { p.encode(to: &$0) } }
        unknownFields.encode(to: &w)
    }
}

/// `SparseTensorProto`.
public struct SparseTensor: Equatable, Hashable, Sendable {
    public var values: Tensor?
    public var indices: Tensor?
    public var dims: [Int64] = []
    public var unknownFields = UnknownFields()

    public init() {}

    init(from r: inout ProtoReader) throws {
        while let (field, wire) = try r.nextField() {
            switch field {
            case 1: values = try r.readMessage(wire, name: "values") { try Tensor(from: &$0) }
            case 2: indices = try r.readMessage(wire, name: "indices") { try Tensor(from: &$0) }
            case 3: try r.readRepeatedInt64(wire, into: &dims)
            default: unknownFields.append(try r.skipField(wire))
            }
        }
    }

    func encode(to w: inout ProtoWriter) {
        if let v = values { w.writeMessage(1) { v.encode(to: &$0) } }
        if let i = indices { w.writeMessage(2) { i.encode(to: &$0) } }
        w.writePackedInt64(3, dims)
        unknownFields.encode(to: &w)
    }
}
