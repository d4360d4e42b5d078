/// An edge operation of a NAS-Bench-201 cell. Raw values are the official operation list
/// (`NAS_BENCH_201` in the benchmark code), whose order also defines the official index order.
public enum NB201Operation: Int, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    case none = 0
    case skipConnect = 1
    case conv1x1 = 2
    case conv3x3 = 3
    case avgPool3x3 = 4

    /// The name used in architecture strings.
    public var name: String {
        switch self {
        case .none: return "none"
        case .skipConnect: return "skip_connect"
        case .conv1x1: return "nor_conv_1x1"
        case .conv3x3: return "nor_conv_3x3"
        case .avgPool3x3: return "avg_pool_3x3"
        }
    }

    public var description: String { name }

    public init?(name: String) {
        guard let op = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = op
    }

    /// NASLib's operation order (`skip_connect, none, nor_conv_3x3, nor_conv_1x1, avg_pool_3x3`),
    /// used by the keys of its `zc_nasbench201.json`.
    public static let naslibOrder: [NB201Operation] = [.skipConnect, .none, .conv3x3, .conv1x1, .avgPool3x3]

    public var naslibIndex: Int { Self.naslibOrder.firstIndex(of: self)! }

    /// Kernel size of a ReLU-Conv-BN operation, nil for the others.
    var convolutionKernel: Int? {
        switch self {
        case .conv1x1: return 1
        case .conv3x3: return 3
        default: return nil
        }
    }
}
