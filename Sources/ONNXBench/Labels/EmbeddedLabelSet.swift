/// The label tables shipped inside the package (Resources/*.bin, made by
/// `scripts/make_labels.py` from `../shared/data`; see Resources/PROVENANCE.md).
public enum EmbeddedLabelSet: String, CaseIterable, Sendable {
    /// NAS-Bench-201, all 15,625 cells in official index order (test accuracies, 3 datasets).
    case nb201 = "nb201_test200"
    /// NAS-Bench-101, the 20,001 cells first in module-hash order (validation accuracies).
    case nb101Hashed = "nb101_first20k"
    /// NAS-Bench-101, NASLib's 500 cells with graphs.
    case nb101NASLib = "nb101_naslib"
    /// NAS-Bench-201, NASLib's 725 cells (validation accuracies, params, FLOPs).
    case nb201NASLib = "nb201_naslib"
    /// DARTS space, NASLib's 725 cells labelled by the NB301 surrogate.
    case nb301 = "nb301_naslib"

    public var resourceFileName: String { rawValue + ".bin" }

    /// How many records this release ships; a table with another count is rejected.
    public var recordCount: Int {
        switch self {
        case .nb201: return 15_625
        case .nb101Hashed: return 20_001
        case .nb101NASLib: return 500
        case .nb201NASLib, .nb301: return 725
        }
    }

    public var space: BenchSpace {
        switch self {
        case .nb201, .nb201NASLib: return .nb201
        case .nb101Hashed, .nb101NASLib: return .nb101
        case .nb301: return .nb301
        }
    }

    public var source: LabelSource {
        switch self {
        case .nb201: return .nb201Official
        case .nb101Hashed: return .nb101Hashed
        case .nb101NASLib: return .nb101NASLib
        case .nb201NASLib: return .nb201NASLib
        case .nb301: return .nb301NASLib
        }
    }
}
