/// Facts about a model that `inspect` prints and other layers reuse.
public struct ModelSummary: Sendable, Equatable {
    public var nodeCount: Int
    /// Operator type -> count, for the main graph.
    public var opHistogram: [String: Int]
    /// Sum of initializer element counts.
    public var parameterCount: Int
    /// Bytes the initializer payloads take.
    public var initializerBytes: Int

    public init(_ model: Model) {
        self.init(graph: model.graph)
    }

    public init(graph: Graph) {
        nodeCount = graph.nodes.count
        var hist: [String: Int] = [:]
        for n in graph.nodes { hist[n.opType, default: 0] += 1 }
        opHistogram = hist
        parameterCount = graph.initializers.reduce(0) { $0 + ($1.elementCount ?? 0) }
        initializerBytes = graph.initializers.reduce(0) { $0 + $1.payloadByteCount }
    }
}

extension TensorShape {
    /// `1x3x32x32`; symbolic dims print by name, unknown ones as `?`.
    public var text: String {
        dims.map { d -> String in
            switch d.value {
            case .value(let v): return String(v)
            case .param(let p): return p
            case .unknown: return "?"
            }
        }.joined(separator: "x")
    }
}

extension Array where Element == StringPair {
    /// The value of the first pair with this key (metadata_props of a model or a view).
    public func value(of key: String) -> String? { first { $0.key == key }?.value }
}

extension Model {
    /// Finds a metadata value by key.
    public func metadata(_ key: String) -> String? { metadataProps.value(of: key) }
}

extension ModelView {
    /// Finds a metadata value by key.
    public func metadata(_ key: String) -> String? { metadataProps.value(of: key) }
}
