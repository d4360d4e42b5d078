/// The text encodings ONNXNet prints. The first five are the reference implementation's
/// `chain_slim` family (byte-exact, quirks included); `graph_lines` is our own variant.
public enum EncodingVariant: String, CaseIterable, Sendable {
    case chainSlim = "chain_slim"
    case chainSlimBase = "chain_slim_base"
    case chainSlimInput = "chain_slim_input"
    case chainSlimParam = "chain_slim_param"
    case chainSlimOutshape = "chain_slim_outshape"
    /// One line per node with every value named, every attribute shown and no dropped inputs:
    /// see `GraphLinesEncoder`.
    case graphLines = "graph_lines"

    public static func named(_ name: String) -> EncodingVariant? { EncodingVariant(rawValue: name) }

    /// What a chain_slim-family variant prints; the walk is the same for all of them.
    struct Style {
        var inputs: Bool       // value references and side inputs inside `op(...)`
        var attributes: Bool   // `(name=value,...)` after the op
        var shapes: Bool       // `:1x16x32x32` after value names
        var numbered: Bool     // `Value3` rather than `Value`
    }

    var style: Style {
        switch self {
        case .chainSlim: return Style(inputs: true, attributes: true, shapes: true, numbered: true)
        case .chainSlimBase: return Style(inputs: false, attributes: false, shapes: false, numbered: false)
        case .chainSlimInput: return Style(inputs: true, attributes: false, shapes: false, numbered: true)
        case .chainSlimParam: return Style(inputs: false, attributes: true, shapes: false, numbered: false)
        case .chainSlimOutshape, .graphLines: return Style(inputs: false, attributes: false, shapes: true, numbered: false)
        }
    }
}

/// An encoding and what could not be printed as the reference would have (where the
/// reference raises, we leave the piece out and say so here).
public struct Encoding: Sendable, Equatable {
    public var text: String
    public var warnings: [String]
    public init(text: String, warnings: [String]) { self.text = text; self.warnings = warnings }
}
