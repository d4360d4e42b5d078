/// All 423,624 cells keyed by module hash, sorted by hash: the order of the official dataset
/// files (e.g. `nb101_first20k_by_hash.json` is the first 20,001 entries). Built by one
/// enumeration (seconds in a release build); 24 bytes a cell.
public struct NB101Index: Sendable {
    /// Module hashes, ascending.
    public let hashes: [MD5Digest]
    /// `NB101Cell.packed` of the cell with `hashes[i]`.
    public let packedCells: [UInt64]

    /// One index per process, built on first use (an enumeration: seconds in release builds).
    public static let shared = NB101Index.build()

    /// Enumerates the space and sorts it by hash.
    public static func build() -> NB101Index {
        var entries: [(MD5Digest, UInt64)] = []
        entries.reserveCapacity(NB101Space.cellCount)
        NB101Space.enumerate { entries.append(($0.hash, $0.packed)) }
        entries.sort { $0.0 < $1.0 }
        return NB101Index(hashes: entries.map(\.0), packedCells: entries.map(\.1))
    }

    public var count: Int { hashes.count }

    /// The position of `hash` in hash order, or nil if it is not a cell of the space.
    public func position(of hash: MD5Digest) -> Int? {
        var low = 0, high = hashes.count
        while low < high {
            let mid = (low + high) / 2
            if hashes[mid] < hash { low = mid + 1 } else { high = mid }
        }
        return low < hashes.count && hashes[low] == hash ? low : nil
    }

    /// The cell at a position in hash order.
    public func cell(at position: Int) -> NB101Cell {
        // Entries come from the enumeration, so unpacking cannot fail.
        try! NB101Cell(packed: packedCells[position], knownHash: hashes[position])
    }

    /// The cell with this module hash (hex string or digest), or nil.
    public func cell(forHash hash: MD5Digest) -> NB101Cell? {
        position(of: hash).map(cell(at:))
    }

    public func cell(forHash hex: String) -> NB101Cell? {
        MD5Digest(hex: hex).flatMap(cell(forHash:))
    }
}
