import ONNXProto

/// `StringStringEntryProto`: metadata_props, external_data and bindings.
public struct StringPair: Equatable, Hashable, Sendable {
    /// Optional fields that were present on the wire (see `FieldPresence`).
    public var presence = FieldPresence()
    public var key: String
    public var value: String
    public init(key: String, value: String) { self.key = key; self.value = value }

    init(from r: inout ProtoReader) throws {
        key = ""; value = ""
        while let (field, wire) = try r.nextField() {
            switch field {
            case 1: presence.mark(1); key = try r.readString(wire)
            case 2: presence.mark(2); value = try r.readString(wire)
            default: try r.skipField(wire)
            }
        }
    }

    func encode(to w: inout ProtoWriter) {
        if !key.isEmpty || presence.has(1) { w.writeString(1, key) }
        if !value.isEmpty || presence.has(2) { w.writeString(2, value) }
    }
}

/// `OperatorSetIdProto`: one opset import. An empty domain means the default `ai.onnx`.
public struct OperatorSetId: Equatable, Hashable, Sendable {
    /// Optional fields that were present on the wire (see `FieldPresence`).
    public var presence = FieldPresence()
    public var domain: String
    public var version: Int64
    public init(domain: String = "", version: Int64) { self.domain = domain; self.version = version }

    init(from r: inout ProtoReader) throws {
        domain = ""; version = 0
        while let (field, wire) = try r.nextField() {
            switch field {
            case 1: presence.mark(1); domain = try r.readString(wire)
            case 2: presence.mark(2); version = try r.readInt64(wire)
            default: try r.skipField(wire)
            }
        }
    }

    func encode(to w: inout ProtoWriter) {
        if !domain.isEmpty || presence.has(1) { w.writeString(1, domain) }
        w.writeInt64(2, version)
    }
}

/// Raw bytes of fields this library does not model, kept so that a round trip loses nothing.
public struct UnknownFields: Equatable, Hashable, Sendable {
    public var raw: [ByteSlice] = []
    public init() {}
    mutating func append(_ s: ByteSlice) { raw.append(s) }
    func encode(to w: inout ProtoWriter) { for s in raw { w.writeRaw(s) } }
}

extension ProtoReader {
    /// Reads repeated `StringStringEntryProto` entries.
    mutating func readPair(_ wire: WireType, name: String, index: Int) throws -> StringPair {
        try readMessage(wire, name: name, index: index) { try StringPair(from: &$0) }
    }
}

/// Which optional scalar fields were present on the wire, so that a field written as its
/// default value (`domain: ""`) is written again and a round trip gives an equal message.
/// A serialisation detail, not part of a model's identity: it never affects equality.
public struct FieldPresence: Hashable, Sendable {
    private var bits: UInt64 = 0
    public init() {}
    mutating func mark(_ field: Int) { if field < 64 { bits |= 1 << UInt64(field) } }
    func has(_ field: Int) -> Bool { field < 64 && bits & (1 << UInt64(field)) != 0 }
    public static func == (_: FieldPresence, _: FieldPresence) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}
