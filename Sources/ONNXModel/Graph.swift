import ONNXProto

/// `TensorAnnotation` (quantisation parameters of a tensor).
public struct TensorAnnotation: Equatable, Hashable, Sendable {
    /// Optional fields that were present on the wire (see `FieldPresence`).
    public var presence = FieldPresence()
    public var tensorName: String = ""
    public var quantParameterTensorNames: [StringPair] = []

    init(from r: inout ProtoReader) throws {
        while let (field, wire) = try r.nextField() {
            switch field {
            case 1: presence.mark(1); tensorName = try r.readString(wire)
            case 2: quantParameterTensorNames.append(try r.readPair(wire, name: "quant_parameter_tensor_names", index: quantParameterTensorNames.count))
            default: try r.skipField(wire)
            }
        }
    }

    func encode(to w: inout ProtoWriter) {
        if !tensorName.isEmpty || presence.has(1) { w.writeString(1, tensorName) }
        for p in quantParameterTensorNames { w.writeMessage(2) { p.encode(to: &$0) } }
    }
}

/// `GraphProto`: nodes in file order, initializers, and typed inputs/outputs.
public struct Graph: Equatable, Hashable, Sendable {
    /// Optional fields that were present on the wire (see `FieldPresence`).
    public var presence = FieldPresence()
    public var nodes: [Node] = []
    public var name: String = ""
    public var initializers: [Tensor] = []
    public var sparseInitializers: [SparseTensor] = []
    public var docString: String = ""
    public var inputs: [ValueInfo] = []
    public var outputs: [ValueInfo] = []
    public var valueInfo: [ValueInfo] = []
    public var quantizationAnnotation: [TensorAnnotation] = []
    public var metadataProps: [StringPair] = []
    public var unknownFields = UnknownFields()

    public init() {}

    init(from r: inout ProtoReader) throws {
        // Size the big repeated fields first: growing them reallocates and moves them.
        let counts = GraphFieldCounts(r)
        if counts.nodes > 0 { nodes.reserveCapacity(counts.nodes) }
        if counts.initializers > 0 { initializers.reserveCapacity(counts.initializers) }
        if counts.inputs > 0 { inputs.reserveCapacity(counts.inputs) }
        if counts.outputs > 0 { outputs.reserveCapacity(counts.outputs) }
        if counts.valueInfo > 0 { valueInfo.reserveCapacity(counts.valueInfo) }
        while let (field, wire) = try r.nextField() {
            switch field {
            case 1:
                // Decoded in place (a node decoded aside and appended is copied field by field).
                let i = nodes.count
                nodes.append(Node())
                try r.readMessage(wire, name: "node", index: i) { try nodes[i].decodeFields(from: &$0) }
            case 2: presence.mark(2); name = try r.readString(wire)
            case 5: initializers.append(try r.readMessage(wire, name: "initializer", index: initializers.count) { try Tensor(from: &$0) })
            case 10: presence.mark(10); docString = try r.readString(wire)
            case 11: inputs.append(try r.readMessage(wire, name: "input", index: inputs.count) { try ValueInfo(from: &$0) })
            case 12: outputs.append(try r.readMessage(wire, name: "output", index: outputs.count) { try ValueInfo(from: &$0) })
            case 13: valueInfo.append(try r.readMessage(wire, name: "value_info", index: valueInfo.count) { try ValueInfo(from: &$0) })
            case 14: quantizationAnnotation.append(try r.readMessage(wire, name: "quantization_annotation", index: quantizationAnnotation.count) { try TensorAnnotation(from: &$0) })
            case 15: sparseInitializers.append(try r.readMessage(wire, name: "sparse_initializer", index: sparseInitializers.count) { try SparseTensor(from: &$0) })
            case 16: metadataProps.append(try r.readPair(wire, name: "metadata_props", index: metadataProps.count))
            default: unknownFields.append(try r.skipField(wire))
            }
        }
    }

    func encode(to w: inout ProtoWriter) {
        for n in nodes { w.writeMessage(1) { n.encode(to: &$0) } }
        if !name.isEmpty || presence.has(2) { w.writeString(2, name) }
        for t in initializers { w.writeMessage(5) { t.encode(to: &$0) } }
        if !docString.isEmpty || presence.has(10) { w.writeString(10, docString) }
        for v in inputs { w.writeMessage(11) { v.encode(to: &$0) } }
        for v in outputs { w.writeMessage(12) { v.encode(to: &$0) } }
        for v in valueInfo { w.writeMessage(13) { v.encode(to: &$0) } }
        for a in quantizationAnnotation { w.writeMessage(14) { a.encode(to: &$0) } }
        for s in sparseInitializers { w.writeMessage(15) { s.encode(to: &$0) } }
        for p in metadataProps { w.writeMessage(16) { p.encode(to: &$0) } }
        unknownFields.encode(to: &w)
    }
}

/// How many nodes, initializers, inputs, outputs and value_infos a `GraphProto` holds (a scan
/// of its field numbers, bounded by its bytes): decoders size their arrays from it, since
/// growing them one append at a time reallocates and moves them again and again.
struct GraphFieldCounts {
    var nodes = 0, initializers = 0, inputs = 0, outputs = 0, valueInfo = 0

    init(_ r: ProtoReader) {
        var counts = GraphFieldCounts()
        r.forEachFieldNumber { n in
            switch n {
            case 1: counts.nodes += 1
            case 5: counts.initializers += 1
            case 11: counts.inputs += 1
            case 12: counts.outputs += 1
            case 13: counts.valueInfo += 1
            default: break
            }
        }
        self = counts
    }

    private init() {}
}
