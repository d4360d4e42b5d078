import ONNXModel

/// The library entry point for encodings, used by the CLI, the bench and the surrogate.
public enum ONNXNetEncoder {
    /// Encodes `model` as `variant`, running shape inference first as the reference does.
    public static func encode(_ model: Model, variant: EncodingVariant = .chainSlim) -> Encoding {
        encode(model, variant: variant, shapes: ShapeTable(inferring: model))
    }

    /// Encodes with shapes the caller already has (e.g. the value_info of an inferred file).
    public static func encode(_ model: Model, variant: EncodingVariant, shapes: ShapeTable) -> Encoding {
        switch variant {
        case .graphLines: return GraphLinesEncoder().encode(model.graph, shapes: shapes)
        default: return ChainSlimEncoder(variant: variant).encode(model.graph, shapes: shapes)
        }
    }

    /// All variants at once (one shape inference).
    public static func encodeAll(_ model: Model) -> [EncodingVariant: Encoding] {
        let shapes = ShapeTable(inferring: model)
        var out: [EncodingVariant: Encoding] = [:]
        for v in EncodingVariant.allCases { out[v] = encode(model, variant: v, shapes: shapes) }
        return out
    }
}
