import ONNXProto

/// `FunctionProto`: a model-local function.
public struct Function: Equatable, Hashable, Sendable {
    /// Optional fields that were present on the wire (see `FieldPresence`).
    public var presence = FieldPresence()
    public var name: String = ""
    public var inputs: [String] = []
    public var outputs: [String] = []
    public var attributeNames: [String] = []
    public var attributeProtos: [Attribute] = []
    public var nodes: [Node] = []
    public var docString: String = ""
    public var opsetImports: [OperatorSetId] = []
    public var domain: String = ""
    public var overload: String = ""
    public var valueInfo: [ValueInfo] = []
    public var metadataProps: [StringPair] = []
    public var unknownFields = UnknownFields()

    public init() {}

    init(from r: inout ProtoReader) throws {
        while let (field, wire) = try r.nextField() {
            switch field {
            case 1: presence.mark(1); name = try r.readString(wire)
            case 4: inputs.append(try r.readString(wire))
            case 5: outputs.append(try r.readString(wire))
            case 6: attributeNames.append(try r.readString(wire))
            case 11: attributeProtos.append(try r.readMessage(wire, name: "attribute_proto", index: attributeProtos.count) { try Attribute(from: &$0) })
            case 7: nodes.append(try r.readMessage(wire, name: "node", index: nodes.count) { try Node(from: &$0) })
            case 8: presence.mark(8); docString = try r.readString(wire)
            case 9: opsetImports.append(try r.readMessage(wire, name: "opset_import", index: opsetImports.count) { try OperatorSetId(from: &$0) })
            case 10: presence.mark(10); domain = try r.readString(wire)
            case 12: valueInfo.append(try r.readMessage(wire, name: "value_info", index: valueInfo.count) { try ValueInfo(from: &$0) })
            case 13: presence.mark(13); overload = try r.readString(wire)
            case 14: metadataProps.append(try r.readPair(wire, name: "metadata_props", index: metadataProps.count))
            default: unknownFields.append(try r.skipField(wire))
            }
        }
    }

    func encode(to w: inout ProtoWriter) {
        if !name.isEmpty || presence.has(1) { w.writeString(1, name) }
        for s in inputs { w.writeString(4, s) }
        for s in outputs { w.writeString(5, s) }
        for s in attributeNames { w.writeString(6, s) }
        for n in nodes { w.writeMessage(7) { n.encode(to: &$0) } }
        if !docString.isEmpty || presence.has(8) { w.writeString(8, docString) }
        for o in opsetImports { w.writeMessage(9) { o.encode(to: &$0) } }
        if !domain.isEmpty || presence.has(10) { w.writeString(10, domain) }
        for a in attributeProtos { w.writeMessage(11) { a.encode(to: &$0) } }
        for v in valueInfo { w.writeMessage(12) { v.encode(to: &$0) } }
        if !overload.isEmpty || presence.has(13) { w.writeString(13, overload) }
        for p in metadataProps { w.writeMessage(14) { p.encode(to: &$0) } }
        unknownFields.encode(to: &w)
    }
}

/// `TrainingInfoProto`.
public struct TrainingInfo: Equatable, Hashable, Sendable {
    public var initialization: Graph?
    public var algorithm: Graph?
    public var initializationBinding: [StringPair] = []
    public var updateBinding: [StringPair] = []

    public init() {}

    init(from r: inout ProtoReader) throws {
        while let (field, wire) = try r.nextField() {
            switch field {
            case 1: initialization = try r.readMessage(wire, name: "initialization") { try Graph(from: &$0) }
            case 2: algorithm = try r.readMessage(wire, name: "algorithm") { try Graph(from: &$0) }
            case 3: initializationBinding.append(try r.readPair(wire, name: "initialization_binding", index: initializationBinding.count))
            case 4: updateBinding.append(try r.readPair(wire, name: "update_binding", index: updateBinding.count))
            default: try r.skipField(wire)
            }
        }
    }

    func encode(to w: inout ProtoWriter) {
        if let g = initialization { w.writeMessage(1) { g.encode(to: &$0) } }
        if let g = algorithm { w.writeMessage(2) { g.encode(to: &$0) } }
        for p in initializationBinding { w.writeMessage(3) { p.encode(to: &$0) } }
        for p in updateBinding { w.writeMessage(4) { p.encode(to: &$0) } }
    }
}
