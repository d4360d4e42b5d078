/// Every search space the project ships, by command-line id.
public enum SearchSpaceRegistry {
    /// Spaces in the order `space list` prints them. Each space adds itself here.
    public static var all: [any SearchSpace] {
        [NB201Space(), NATSSizeSpace(), NB101Space(), NB301Space(), HNB201Space(), EinspaceSpace()]
    }

    public static func space(_ id: String) throws -> any SearchSpace {
        if let s = all.first(where: { $0.id == id.lowercased() }) { return s }
        throw SearchSpaceError(space: id, "unknown search space; known: " + all.map(\.id).joined(separator: ", "))
    }
}
