/// The seven candidate operations of the DARTS space as trained in NAS-Bench-301 (DARTS'
/// `PRIMITIVES` without `none`). The raw value is the index NASLib's compact notation uses.
public enum DARTSOperation: Int, CaseIterable, Sendable, Hashable {
    case maxPool3x3 = 0
    case avgPool3x3 = 1
    case skipConnect = 2
    case sepConv3x3 = 3
    case sepConv5x5 = 4
    case dilConv3x3 = 5
    case dilConv5x5 = 6

    /// The name in DARTS genotypes (`Genotype(normal=[('sep_conv_3x3', 0), ...])`).
    public var genotypeName: String {
        switch self {
        case .maxPool3x3: return "max_pool_3x3"
        case .avgPool3x3: return "avg_pool_3x3"
        case .skipConnect: return "skip_connect"
        case .sepConv3x3: return "sep_conv_3x3"
        case .sepConv5x5: return "sep_conv_5x5"
        case .dilConv3x3: return "dil_conv_3x3"
        case .dilConv5x5: return "dil_conv_5x5"
        }
    }

    public init?(genotypeName: String) {
        guard let op = Self.allCases.first(where: { $0.genotypeName == genotypeName }) else { return nil }
        self = op
    }

    /// Kernel size of the separable / dilated convolutions (nil for pools and skip).
    var kernel: Int? {
        switch self {
        case .sepConv3x3, .dilConv3x3: return 3
        case .sepConv5x5, .dilConv5x5: return 5
        default: return nil
        }
    }
}
