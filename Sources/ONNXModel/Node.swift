import ONNXProto

/// `NodeProto`: one operator application.
public struct Node: Equatable, Hashable, Sendable {
    /// Optional fields that were present on the wire (see `FieldPresence`).
    public var presence = FieldPresence()
    public var inputs: [String] = []
    public var outputs: [String] = []
    public var name: String = ""
    public var opType: String = ""
    public var domain: String = ""
    public var overload: String = ""
    public var attributes: [Attribute] = []
    public var docString: String = ""
    public var metadataProps: [StringPair] = []
    public var unknownFields = UnknownFields()

    public init(opType: String, inputs: [String], outputs: [String], name: String = "",
                attributes: [Attribute] = [], domain: String = "") {
        self.opType = opType
        self.inputs = inputs
        self.outputs = outputs
        self.name = name
        self.attributes = attributes
        self.domain = domain
    }

    public func attribute(_ name: String) -> Attribute? { attributes.first { $0.name == name } }

    /// An empty node that `decodeFields` fills in place.
    init() {}

    init(from r: inout ProtoReader) throws {
        try decodeFields(from: &r)
    }

    /// Reads the fields into this node (in place inside the graph's array: decoding a node
    /// aside and appending it copies every field).
    mutating func decodeFields(from r: inout ProtoReader) throws {
        var counts = (inputs: 0, outputs: 0, attributes: 0)
        r.forEachFieldNumber { n in
            switch n {
            case 1: counts.inputs += 1
            case 2: counts.outputs += 1
            case 5: counts.attributes += 1
            default: break
            }
        }
        if counts.inputs > 0 { inputs.reserveCapacity(counts.inputs) }
        if counts.outputs > 0 { outputs.reserveCapacity(counts.outputs) }
        if counts.attributes > 0 { attributes.reserveCapacity(counts.attributes) }
        while let (field, wire) = try r.nextField() {
            switch field {
            case 1: inputs.append(try r.readString(wire))
            case 2: outputs.append(try r.readString(wire))
            case 3: presence.mark(3); name = try r.readString(wire)
            case 4: presence.mark(4); opType = try r.readString(wire)
            case 5:
                let i = attributes.count
                attributes.append(Attribute())
                try r.readMessage(wire, name: "attribute", index: i) { try attributes[i].decodeFields(from: &$0) }
            case 6: presence.mark(6); docString = try r.readString(wire)
            case 7: presence.mark(7); domain = try r.readString(wire)
            case 8: presence.mark(8); overload = try r.readString(wire)
            case 9: metadataProps.append(try r.readPair(wire, name: "metadata_props", index: metadataProps.count))
            default: unknownFields.append(try r.skipField(wire))
            }
        }
    }

    func encode(to w: inout ProtoWriter) {
        for i in inputs { w.writeString(1, i) }
        for o in outputs { w.writeString(2, o) }
        if !name.isEmpty || presence.has(3) { w.writeString(3, name) }
        if !opType.isEmpty || presence.has(4) { w.writeString(4, opType) }
        for a in attributes { w.writeMessage(5) { a.encode(to: &$0) } }
        if !docString.isEmpty || presence.has(6) { w.writeString(6, docString) }
        if !domain.isEmpty || presence.has(7) { w.writeString(7, domain) }
        if !overload.isEmpty || presence.has(8) { w.writeString(8, overload) }
        for p in metadataProps { w.writeMessage(9) { p.encode(to: &$0) } }
        unknownFields.encode(to: &w)
    }
}
