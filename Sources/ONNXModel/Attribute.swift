import ONNXProto

/// `AttributeProto`. Scalar fields are optional because protobuf keeps their presence and
/// writers must not invent fields that were not there.
public struct Attribute: Equatable, Hashable, Sendable {
    /// Optional fields that were present on the wire (see `FieldPresence`).
    public var presence = FieldPresence()
    /// `AttributeProto.AttributeType`, open to values newer than this library.
    public struct Kind: RawRepresentable, Hashable, Sendable {
        public let rawValue: Int32
        @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }
        // Inlinable computed constants, as `DataType`'s: the view decoder and the encoders
        // switch on kinds for every attribute.
        @inlinable public static var undefined: Kind { Kind(rawValue: 0) }
        @inlinable public static var float: Kind { Kind(rawValue: 1) }
        @inlinable public static var int: Kind { Kind(rawValue: 2) }
        @inlinable public static var string: Kind { Kind(rawValue: 3) }
        @inlinable public static var tensor: Kind { Kind(rawValue: 4) }
        @inlinable public static var graph: Kind { Kind(rawValue: 5) }
        @inlinable public static var floats: Kind { Kind(rawValue: 6) }
        @inlinable public static var ints: Kind { Kind(rawValue: 7) }
        @inlinable public static var strings: Kind { Kind(rawValue: 8) }
        @inlinable public static var tensors: Kind { Kind(rawValue: 9) }
        @inlinable public static var graphs: Kind { Kind(rawValue: 10) }
        @inlinable public static var sparseTensor: Kind { Kind(rawValue: 11) }
        @inlinable public static var sparseTensors: Kind { Kind(rawValue: 12) }
        @inlinable public static var typeProto: Kind { Kind(rawValue: 13) }
        @inlinable public static var typeProtos: Kind { Kind(rawValue: 14) }
    }

    public var name: String = ""
    public var refAttrName: String = ""
    public var docString: String = ""
    public var type: Kind = .undefined
    public var f: Float?
    public var i: Int64?
    public var s: [UInt8]?
    @Boxed public var t: Tensor? = nil
    @Boxed public var g: Graph? = nil
    @Boxed public var sparseTensor: SparseTensor? = nil
    @Boxed public var tp: TypeProto? = nil
    public var floats: [Float] = []
    public var ints: [Int64] = []
    public var strings: [[UInt8]] = []
    public var tensors: [Tensor] = []
    public var graphs: [Graph] = []
    public var sparseTensors: [SparseTensor] = []
    public var typeProtos: [TypeProto] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public static func int(_ name: String, _ v: Int64) -> Attribute {
        var a = Attribute(); a.name = name; a.type = .int; a.i = v; return a
    }
    public static func ints(_ name: String, _ v: [Int64]) -> Attribute {
        var a = Attribute(); a.name = name; a.type = .ints; a.ints = v; return a
    }
    public static func float(_ name: String, _ v: Float) -> Attribute {
        var a = Attribute(); a.name = name; a.type = .float; a.f = v; return a
    }
    public static func floats(_ name: String, _ v: [Float]) -> Attribute {
        var a = Attribute(); a.name = name; a.type = .floats; a.floats = v; return a
    }
    public static func string(_ name: String, _ v: String) -> Attribute {
        var a = Attribute(); a.name = name; a.type = .string; a.s = Array(v.utf8); return a
    }
    public static func tensor(_ name: String, _ v: Tensor) -> Attribute {
        var a = Attribute(); a.name = name; a.type = .tensor; a.t = v; return a
    }

    /// The string value decoded as UTF-8 (attribute strings are bytes on the wire).
    public var stringValue: String? { s.map { String(decoding: $0, as: UTF8.self) } }

    init(from r: inout ProtoReader) throws {
        try decodeFields(from: &r)
    }

    /// Reads the fields into this attribute (in place inside the node's array: an attribute
    /// decoded aside and appended is copied field by field).
    mutating func decodeFields(from r: inout ProtoReader) throws {
        while let (field, wire) = try r.nextField() {
            switch field {
            case 1: presence.mark(1); name = try r.readString(wire)
            case 21: presence.mark(21); refAttrName = try r.readString(wire)
            case 13: presence.mark(13); docString = try r.readString(wire)
            case 20: presence.mark(20); type = Kind(rawValue: try r.readInt32(wire))
            case 2: f = try r.readFloat(wire)
            case 3: i = try r.readInt64(wire)
            case 4: s = try r.readByteArray(wire)
            case 5: t = try r.readMessage(wire, name: "t") { try Tensor(from: &$0) }
            case 6: g = try r.readMessage(wire, name: "g") { try Graph(from: &$0) }
            case 22: sparseTensor = try r.readMessage(wire, name: "sparse_tensor") { try SparseTensor(from: &$0) }
            case 14: tp = try r.readMessage(wire, name: "tp") { try TypeProto(from: &$0) }
            case 7: try r.readRepeatedFloat(wire, into: &floats)
            case 8: try r.readRepeatedInt64(wire, into: &ints)
            case 9: strings.append(try r.readByteArray(wire))
            case 10: tensors.append(try r.readMessage(wire, name: "tensors", index: tensors.count) { try Tensor(from: &$0) })
            case 11: graphs.append(try r.readMessage(wire, name: "graphs", index: graphs.count) { try Graph(from: &$0) })
            case 23: sparseTensors.append(try r.readMessage(wire, name: "sparse_tensors", index: sparseTensors.count) { try SparseTensor(from: &$0) })
            case 15: typeProtos.append(try r.readMessage(wire, name: "type_protos", index: typeProtos.count) { try TypeProto(from: &$0) })
            default: unknownFields.append(try r.skipField(wire))
            }
        }
    }

    func encode(to w: inout ProtoWriter) {
        if !name.isEmpty || presence.has(1) { w.writeString(1, name) }
        if let f { w.writeFloat(2, f) }
        if let i { w.writeInt64(3, i) }
        if let s { w.writeBytes(4, s) }
        if let t { w.writeMessage(5) { t.encode(to: &$0) } }
        if let g { w.writeMessage(6) { g.encode(to: &$0) } }
        w.writePackedFloat(7, floats)
        w.writePackedInt64(8, ints)
        for s in strings { w.writeBytes(9, s) }
        for t in tensors { w.writeMessage(10) { t.encode(to: &$0) } }
        for g in graphs { w.writeMessage(11) { g.encode(to: &$0) } }
        if !docString.isEmpty || presence.has(13) { w.writeString(13, docString) }
        if let tp { w.writeMessage(14) { tp.encode(to: &$0) } }
        for t in typeProtos { w.writeMessage(15) { t.encode(to: &$0) } }
        if type != .undefined || presence.has(20) { w.writeInt32(20, type.rawValue) }
        if !refAttrName.isEmpty || presence.has(21) { w.writeString(21, refAttrName) }
        if let sparseTensor { w.writeMessage(22) { sparseTensor.encode(to: &$0) } }
        for s in sparseTensors { w.writeMessage(23) { s.encode(to: &$0) } }
        unknownFields.encode(to: &w)
    }
}
