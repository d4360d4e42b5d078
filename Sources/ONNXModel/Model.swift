import ONNXProto

/// `ModelProto`: the top-level message of an `.onnx` file.
public struct Model: Equatable, Hashable, Sendable {
    /// Optional fields that were present on the wire (see `FieldPresence`).
    public var presence = FieldPresence()
    public var irVersion: Int64 = 0
    public var opsetImports: [OperatorSetId] = []
    public var producerName: String = ""
    public var producerVersion: String = ""
    public var domain: String = ""
    public var modelVersion: Int64 = 0
    public var docString: String = ""
    public var graph = Graph()
    public var metadataProps: [StringPair] = []
    public var trainingInfo: [TrainingInfo] = []
    public var functions: [Function] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public init(graph: Graph, opset: Int64, irVersion: Int64 = 8, producerName: String = "onnxnet") {
        self.graph = graph
        self.opsetImports = [OperatorSetId(domain: "", version: opset)]
        self.irVersion = irVersion
        self.producerName = producerName
    }

    /// Decodes a model from wire-format bytes held by `storage` (no payload is copied).
    public init(decoding storage: ByteStorage, options: ProtoDecodingOptions = .init()) throws {
        var r = ProtoReader(storage: storage, options: options)
        try self.init(from: &r)
    }

    public init(decoding bytes: [UInt8], options: ProtoDecodingOptions = .init()) throws {
        try self.init(decoding: ByteStorage(copying: bytes), options: options)
    }

    init(from r: inout ProtoReader) throws {
        while let (field, wire) = try r.nextField() {
            switch field {
            case 1: irVersion = try r.readInt64(wire)
            case 2: presence.mark(2); producerName = try r.readString(wire)
            case 3: presence.mark(3); producerVersion = try r.readString(wire)
            case 4: presence.mark(4); domain = try r.readString(wire)
            case 5: presence.mark(5); modelVersion = try r.readInt64(wire)
            case 6: presence.mark(6); docString = try r.readString(wire)
            case 7: graph = try r.readMessage(wire, name: "graph") { try Graph(from: &$0) }
            case 8: opsetImports.append(try r.readMessage(wire, name: "opset_import", index: opsetImports.count) { try OperatorSetId(from: &$0) })
            case 14: metadataProps.append(try r.readPair(wire, name: "metadata_props", index: metadataProps.count))
            case 20: trainingInfo.append(try r.readMessage(wire, name: "training_info", index: trainingInfo.count) { try TrainingInfo(from: &$0) })
            case 25: functions.append(try r.readMessage(wire, name: "functions", index: functions.count) { try Function(from: &$0) })
            default: unknownFields.append(try r.skipField(wire))
            }
        }
    }

    /// Serialises the model to wire-format bytes.
    public func serialized() -> [UInt8] {
        var w = ProtoWriter()
        w.writeInt64(1, irVersion)
        if !producerName.isEmpty || presence.has(2) { w.writeString(2, producerName) }
        if !producerVersion.isEmpty || presence.has(3) { w.writeString(3, producerVersion) }
        if !domain.isEmpty || presence.has(4) { w.writeString(4, domain) }
        if modelVersion != 0 || presence.has(5) { w.writeInt64(5, modelVersion) }
        if !docString.isEmpty || presence.has(6) { w.writeString(6, docString) }
        w.writeMessage(7) { graph.encode(to: &$0) }
        for o in opsetImports { w.writeMessage(8) { o.encode(to: &$0) } }
        for p in metadataProps { w.writeMessage(14) { p.encode(to: &$0) } }
        for t in trainingInfo { w.writeMessage(20) { t.encode(to: &$0) } }
        for f in functions { w.writeMessage(25) { f.encode(to: &$0) } }
        unknownFields.encode(to: &w)
        return w.bytes
    }

    /// The version of the default (`ai.onnx`) operator set, which decides operator semantics.
    public var defaultOpsetVersion: Int64? {
        opsetImports.first { $0.domain == "" || $0.domain == "ai.onnx" }?.version
    }
}
