/// One labelled architecture as the bench stores it: a file `<space>/<name>.onnx` whose
/// metadata carries these fields (accuracy first), and one row of the index.
public struct BenchRecord: Equatable, Sendable {
    /// File stem, unique in the bench and derived from the architecture (`BenchNaming`).
    public var name: String
    /// Search-space id (`SearchSpaceRegistry`), e.g. `nb201`.
    public var space: String
    /// The architecture in the space's canonical notation (what `space build` accepts).
    public var notation: String
    /// Accuracy in percent: the record's primary label.
    public var accuracy: Double
    /// Which label `accuracy` is (e.g. `cifar10_test_acc_200ep`), empty when unknown.
    public var accuracyLabel: String
    /// Provenance: the source file and position, upstream, licence, what the number measures.
    public var source: String
    /// True when the accuracy is a surrogate's prediction (NB301), not a training result.
    public var isSurrogateLabel: Bool
    /// The notation as the source wrote it, when it differs from `notation` (an NB101 module
    /// hash, a NASLib key); empty otherwise.
    public var sourceNotation: String
    /// Every label of the source record, by `LabelKey` name.
    public var labels: [String: Double]

    public init(name: String, space: String, notation: String, accuracy: Double, accuracyLabel: String = "",
                source: String, isSurrogateLabel: Bool = false, sourceNotation: String = "", labels: [String: Double] = [:]) {
        self.name = name
        self.space = space
        self.notation = notation
        self.accuracy = accuracy
        self.accuracyLabel = accuracyLabel
        self.source = source
        self.isSurrogateLabel = isSurrogateLabel
        self.sourceNotation = sourceNotation
        self.labels = labels
    }

    /// Path of the record's file relative to the bench directory.
    public var relativePath: String { BenchLayout.relativePath(space: space, name: name) }
}
