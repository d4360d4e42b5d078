import SearchSpaces

/// What the protocol splits need of a labelled record: its space, and a key that is equal
/// for two records of the same architecture (so that each architecture is drawn once).
/// Embedded label records and bench records are both split by `ProtocolSplit`.
public protocol SplittableRecord: Sendable {
    var spaceID: String { get }
    var architectureKey: String { get }
}

extension LabelRecord: SplittableRecord {
    public var spaceID: String { space.rawValue }

    /// NB101 records keyed by module hash and NASLib's NB101 tuples compare by the hash of the
    /// pruned cell; other notations by their text.
    public var architectureKey: String {
        switch notationKind {
        case .naslibNB101Tuple:
            if let cell = try? NB101ModelSpec(naslibKeyText: notation).pruned() { return "nb101:" + cell.hash.hex }
            return notation
        case .nb101ModuleHash: return "nb101:" + notation
        default: return space.rawValue + ":" + notation
        }
    }
}

extension BenchRecord: SplittableRecord {
    public var spaceID: String { space }
    /// Bench notations are canonical, so the text identifies the architecture.
    public var architectureKey: String { space + ":" + notation }
}
