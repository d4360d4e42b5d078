/// The vertex labels of a NAS-Bench-101 cell. Input and output carry no operation; the three
/// interior operations are the ones of the official `available_ops`.
public enum NB101Operation: UInt8, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    case input
    case conv3x3BnRelu
    case conv1x1BnRelu
    case maxPool3x3
    case output

    /// The interior operations in the official `available_ops` order; a vertex's module-hash
    /// label is its position in this list.
    public static let interior: [NB101Operation] = [.conv3x3BnRelu, .conv1x1BnRelu, .maxPool3x3]

    /// The official op name (`ModelSpec.ops` strings).
    public var name: String {
        switch self {
        case .input: return "input"
        case .conv3x3BnRelu: return "conv3x3-bn-relu"
        case .conv1x1BnRelu: return "conv1x1-bn-relu"
        case .maxPool3x3: return "maxpool3x3"
        case .output: return "output"
        }
    }

    public var description: String { name }

    public init?(name: String) {
        guard let op = NB101Operation.allCases.first(where: { $0.name == name }) else { return nil }
        self = op
    }

    /// The label `graph_util.hash_module` sees: -1 input, -2 output, else the index in
    /// `available_ops`.
    public var hashLabel: Int {
        switch self {
        case .input: return -1
        case .output: return -2
        case .conv3x3BnRelu: return 0
        case .conv1x1BnRelu: return 1
        case .maxPool3x3: return 2
        }
    }

    /// The one-character code of the native notation (interior operations only).
    public var notationCode: Character? {
        switch self {
        case .conv3x3BnRelu: return "3"
        case .conv1x1BnRelu: return "1"
        case .maxPool3x3: return "m"
        case .input, .output: return nil
        }
    }

    /// Op codes of NASLib's NB101 tuples: indices into
    /// `[input, output, maxpool3x3, conv1x1-bn-relu, conv3x3-bn-relu]`.
    public static let naslibOrder: [NB101Operation] = [.input, .output, .maxPool3x3, .conv1x1BnRelu, .conv3x3BnRelu]
}
