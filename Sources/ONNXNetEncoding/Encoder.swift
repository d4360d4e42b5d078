import ONNXModel

/// The library entry point for encodings, used by the CLI, the bench and the surrogate.
public enum ONNXNetEncoder {
    /// Encodes `model` as `variant`, running shape inference first as the reference does.
    public static func encode(_ model: Model, variant: EncodingVariant = .chainSlim) -> Encoding {
        encode(model, variant: variant, shapes: ShapeTable(inferring: model))
    }

    /// Encodes with shapes the caller already has (e.g. the value_info of an inferred file).
    public static func encode(_ model: Model, variant: EncodingVariant, shapes: ShapeTable) -> Encoding {
        encode(shapes.view(of: model.graph), variant: variant, shapes: shapes)
    }

    /// Encodes a model read straight from its file as a view (no `Node` per node): what
    /// `encode(_:variant:)` gives for the same file, faster.
    public static func encode(_ model: ModelView, variant: EncodingVariant = .chainSlim) -> Encoding {
        encode(model.graph, variant: variant, shapes: ShapeTable(inferring: model))
    }

    /// Encodes a graph view with shapes inferred from it (`ShapeTable(inferring:)`); in
    /// general `view`'s value ids must extend `shapes`' names.
    public static func encode(_ view: GraphView, variant: EncodingVariant, shapes: ShapeTable) -> Encoding {
        switch variant {
        case .graphLines: return GraphLinesEncoder().encode(view, shapes: shapes)
        default: return ChainSlimEncoder(variant: variant).encode(view, shapes: shapes)
        }
    }

    /// All variants at once (one shape inference).
    public static func encodeAll(_ model: Model) -> [EncodingVariant: Encoding] {
        let shapes = ShapeTable(inferring: model)
        return encodeAll(shapes.view(of: model.graph), shapes: shapes)
    }

    /// All variants of a model read as a view.
    public static func encodeAll(_ model: ModelView) -> [EncodingVariant: Encoding] {
        encodeAll(model.graph, shapes: ShapeTable(inferring: model))
    }

    static func encodeAll(_ view: GraphView, shapes: ShapeTable) -> [EncodingVariant: Encoding] {
        var out: [EncodingVariant: Encoding] = [:]
        for v in EncodingVariant.allCases { out[v] = encode(view, variant: v, shapes: shapes) }
        return out
    }
}
