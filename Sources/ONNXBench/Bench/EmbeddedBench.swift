import SearchSpaces

/// The embedded labels as bench records: one per labelled architecture, in the space's
/// canonical notation. NB101 records keyed by module hash are matched to their cells through
/// the NB101 enumeration (`NB101Index`, seconds in a release build); NASLib's NB101 matrices
/// are pruned first. Where two sets label the same architecture, the first set listed in
/// `sets(for:)` keeps it (the official 20k NB101 labels over NASLib's copies).
public enum EmbeddedBench {
    /// Spaces with embedded labels, in build order.
    public static let labelledSpaces = [BenchSpace.nb201.rawValue, BenchSpace.nb101.rawValue, BenchSpace.nb301.rawValue]
    /// The spaces `onnxnet train` uses by default, in the order their examples are concatenated.
    public static let defaultTrainingOrder = labelledSpaces

    /// Label sets that make up a space's bench. NASLib's NB201 table is left out: its labels
    /// are validation accuracies of cells the official table already labels with test
    /// accuracies, a different measure.
    public static func sets(for space: String) -> [EmbeddedLabelSet] {
        switch space {
        case BenchSpace.nb201.rawValue: return [.nb201]
        case BenchSpace.nb101.rawValue: return [.nb101Hashed, .nb101NASLib]
        case BenchSpace.nb301.rawValue: return [.nb301]
        default: return []
        }
    }

    /// What resolving records dropped: repeats of an architecture already labelled by an
    /// earlier set or earlier in the same set (NASLib's 500 NB101 keys prune to 301 distinct
    /// cells: its sampler does not reject padded duplicates).
    public struct Report: Sendable, Equatable {
        public var duplicatesDropped: [String: Int] = [:]
    }

    /// Bench records of `space` (one of `labelledSpaces`). `nb101Index` is called at most once,
    /// only for NB101.
    public static func records(space: String, nb101Index: () -> NB101Index = { NB101Index.shared })
        throws -> (records: [BenchRecord], report: Report)
    {
        guard labelledSpaces.contains(space) else {
            throw BenchError.usage("no embedded labels for space '\(space)'; labelled: \(labelledSpaces.joined(separator: ", ")) (others: `bench import`)")
        }
        var index: NB101Index?
        var searchSpace: (any SearchSpace)?
        var out: [BenchRecord] = []
        var seen = Set<String>()
        var report = Report()
        for set in sets(for: space) {
            for label in try EmbeddedLabels.load(set) {
                let notation: String
                switch label.notationKind {
                case .nb101ModuleHash:
                    if index == nil { index = nb101Index() }
                    guard let cell = index!.cell(forHash: label.notation) else {
                        throw BenchError.build(name: label.notation, message: "NB101 hash not found in the enumeration of the space")
                    }
                    notation = NB101Notation.print(cell)
                case .naslibNB101Tuple:
                    notation = NB101Notation.print(try NB101ModelSpec(naslibKeyText: label.notation).pruned())
                default:
                    if searchSpace == nil { searchSpace = try SearchSpaceRegistry.space(space) }
                    notation = try searchSpace!.canonicalize(label.notation)
                }
                let name = try BenchNaming.name(space: space, canonicalNotation: notation)
                guard seen.insert(name).inserted else {
                    report.duplicatesDropped[set.rawValue, default: 0] += 1
                    continue
                }
                out.append(BenchRecord(label, name: name, notation: notation))
            }
        }
        return (out, report)
    }
}

extension BenchRecord {
    /// A bench record from an embedded label record, with its resolved name and notation.
    public init(_ label: LabelRecord, name: String, notation: String) {
        self.init(name: name, space: label.space.rawValue, notation: notation, accuracy: label.accuracy ?? .nan,
                  accuracyLabel: label.primaryLabel, source: label.source, isSurrogateLabel: label.isSurrogateLabel,
                  sourceNotation: label.notation == notation ? "" : label.notation, labels: label.labels)
    }
}
