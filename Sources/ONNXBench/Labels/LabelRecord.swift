/// One labelled architecture: which space, how it is written, the measured (or, when
/// `isSurrogateLabel`, predicted) numbers, and where they come from.
public struct LabelRecord: Hashable, Sendable {
    public let space: BenchSpace
    /// The architecture in the source's own notation (see `notationKind`).
    public let notation: String
    public let notationKind: NotationKind
    /// Values by `LabelKey` name. A value the source does not have is absent, never NaN.
    public let labels: [String: Double]
    /// The label the evaluation protocols use for this record (a key of `labels`).
    public let primaryLabel: String
    public let origin: LabelSource
    /// 0-based position of the record in `origin.file` (row for tables, entry for JSON files
    /// in file order).
    public let sourceIndex: Int

    public init(space: BenchSpace, notation: String, notationKind: NotationKind, labels: [String: Double],
                primaryLabel: String, origin: LabelSource, sourceIndex: Int) {
        self.space = space
        self.notation = notation
        self.notationKind = notationKind
        self.labels = labels
        self.primaryLabel = primaryLabel
        self.origin = origin
        self.sourceIndex = sourceIndex
    }

    /// The primary label: an accuracy in percent.
    public var accuracy: Double? { labels[primaryLabel] }

    /// True when the accuracies are a surrogate's predictions (NB301), not training results.
    public var isSurrogateLabel: Bool { origin.isSurrogate }

    /// Human-readable provenance of this record's numbers.
    public var source: String {
        "\(origin.file) #\(sourceIndex) (\(origin.upstream); \(origin.licence)): \(origin.measure)"
    }
}
