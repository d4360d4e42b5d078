import ONNXProto

/// What the encode path reads of a `ModelProto`: the versions, the producer name, the
/// metadata and a `GraphView` decoded straight from the bytes. Doc strings, the other
/// producer fields, functions and training info are skipped (their framing is checked, their
/// contents are not decoded).
public struct ModelView: Sendable {
    public var irVersion: Int64
    /// Told apart from foreign exports: `encode` canonicalises only those.
    public var producerName: String
    public var opsetImports: [OperatorSetId]
    public var metadataProps: [StringPair]
    public var graph: GraphView

    /// Decodes a model view from wire-format bytes held by `storage`; throws the
    /// `ProtoDecodingError`s `Model(decoding:options:)` throws for the fields it reads.
    public init(decoding storage: ByteStorage, options: ProtoDecodingOptions = .init()) throws {
        var r = ProtoReader(storage: storage, options: options)
        irVersion = 0
        producerName = ""
        opsetImports = []
        metadataProps = []
        var graph: GraphView?
        while let (field, wire) = try r.nextField() {
            switch field {
            case 1: irVersion = try r.readInt64(wire)
            case 2: producerName = try r.readString(wire)
            case 7: graph = try r.readMessage(wire, name: "graph") { try GraphView.decoding(from: &$0) }
            case 8: opsetImports.append(try r.readMessage(wire, name: "opset_import", index: opsetImports.count) { try OperatorSetId(from: &$0) })
            case 14: metadataProps.append(try r.readPair(wire, name: "metadata_props", index: metadataProps.count))
            default: try r.skipField(wire)
            }
        }
        // A model without a graph has an empty one, as `Model` does.
        self.graph = graph ?? GraphView(Graph())
    }
}

extension ModelLoader {
    /// Loads the view of the model at `path` (`-` reads standard input), with `load`'s errors.
    public static func loadView(path: String, options: ProtoDecodingOptions = .init()) throws -> ModelView {
        try decodeFile(path: path) { try ModelView(decoding: $0, options: options) }
    }
}
