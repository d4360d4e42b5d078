/// The evaluation protocols of `../shared/spec/protocols.md`: which records train a
/// surrogate and which test it. `ProtocolSplit` makes the split.
public struct BenchProtocol: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// `trainCount` random records of `space` train, all its other records test.
        case randomSubset(space: String, trainCount: Int)
        /// Every record of `train` trains, every record of `test` tests (zero-shot transfer).
        case transfer(train: String, test: String)
        /// `perSpace` random records of every other space train; all of `heldOut` tests.
        case leaveOneOut(heldOut: String, perSpace: Int)
    }

    public let id: String
    public let kind: Kind
    public let summary: String

    public static let nb201OnePercent = BenchProtocol(
        id: "nb201-1pct", kind: .randomSubset(space: BenchSpace.nb201.rawValue, trainCount: 156),
        summary: "train on 156 random NB201 cells, test on all other NB201 cells")
    public static let nb201TenPercent = BenchProtocol(
        id: "nb201-10pct", kind: .randomSubset(space: BenchSpace.nb201.rawValue, trainCount: 1_563),
        summary: "train on 1,563 random NB201 cells, test on all other NB201 cells")
    public static let nb101Sample424 = BenchProtocol(
        id: "nb101-424", kind: .randomSubset(space: BenchSpace.nb101.rawValue, trainCount: 424),
        summary: "train on 424 random cells of the NB101 20k set, test on all its other cells")
    public static let nb101ToNB201 = BenchProtocol(
        id: "nb101-to-nb201", kind: .transfer(train: BenchSpace.nb101.rawValue, test: BenchSpace.nb201.rawValue),
        summary: "train on all labelled NB101 cells, test on all 15,625 NB201 cells (zero-shot)")

    /// Leave-one-out with `space` held out: 1,000 random records of every other space train.
    public static func leaveOneOut(_ space: String) -> BenchProtocol {
        BenchProtocol(id: "leave-one-out:" + space, kind: .leaveOneOut(heldOut: space, perSpace: 1_000),
                      summary: "train on 1,000 random records of every other labelled space, test on all of \(space)")
    }

    /// Every protocol with the embedded labels (leave-one-out once per labelled space).
    public static var all: [BenchProtocol] {
        [nb201OnePercent, nb201TenPercent, nb101Sample424, nb101ToNB201]
            + EmbeddedBench.labelledSpaces.map(leaveOneOut)
    }

    /// The protocol with this id; `leave-one-out:SPACE` works for any space id (also one
    /// whose labels were imported).
    public static func named(_ id: String) throws(BenchError) -> BenchProtocol {
        if let p = all.first(where: { $0.id == id }) { return p }
        if id.hasPrefix("leave-one-out:") {
            let space = String(id.dropFirst("leave-one-out:".count))
            if BenchLayout.isValidName(space) { return leaveOneOut(space) }
        }
        let hint = id == "leave-one-out" ? " (name the held-out space, e.g. leave-one-out:nb101)" : ""
        throw .usage("unknown protocol '\(id)'\(hint); known: " + all.map(\.id).joined(separator: ", "))
    }

    /// The protocols an id stands for: `leave-one-out` alone means one held-out run per
    /// labelled space (as the protocol table reports it); any other id is one protocol.
    public static func expanding(_ id: String) throws(BenchError) -> [BenchProtocol] {
        id == "leave-one-out" ? EmbeddedBench.labelledSpaces.map(leaveOneOut) : [try named(id)]
    }

    /// The space whose records are tested.
    public var testSpace: String {
        switch kind {
        case .randomSubset(let space, _): return space
        case .transfer(_, let test): return test
        case .leaveOneOut(let heldOut, _): return heldOut
        }
    }

    public var description: String { id }
}
