/// Which textual form a record's `notation` is in, so that consumers (bench build, import)
/// know how to turn it into an architecture. One space can have several: the NB101 labels
/// come keyed by module hash from one source and by NASLib tuple from another.
public struct NotationKind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// The official NB201 string `|op~0|+|op~0|op~1|+|op~0|op~1|op~2|`.
    public static let nb201ArchitectureString = NotationKind(rawValue: "nb201-architecture-string")
    /// The NB101 module hash (32 lower-case hex digits of `graph_util.hash_module`).
    public static let nb101ModuleHash = NotationKind(rawValue: "nb101-module-hash")
    /// NASLib's NB101 key: a 56-tuple `(a00, a01, ..., a66, op0, ..., op6)` of the unpruned
    /// 7x7 adjacency (row-major) and op codes; see `NB101RawSpec`.
    public static let naslibNB101Tuple = NotationKind(rawValue: "naslib-nb101-tuple")
    /// NASLib's DARTS genotype key `[[(input, op) x 8 normal], [(input, op) x 8 reduce]]`; see
    /// `EmbeddedLabels.nb301Operations` for the op codes.
    public static let naslibDARTSGenotype = NotationKind(rawValue: "naslib-darts-genotype")

    public var description: String { rawValue }
}
