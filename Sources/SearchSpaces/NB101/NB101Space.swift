import ONNXNetSupport

/// The NAS-Bench-101 search space: its 423,624 unique cells, enumeration and sampling. The
/// static members work on `NB101Cell`s; an instance is the space as the project's
/// `SearchSpace` (notations as strings, ONNX generation).
public struct NB101Space: Sendable {
    public static let id = "nb101"

    public init() {}

    /// Unique cells (up to the official module hash) with at most 7 vertices and 9 edges.
    public static let cellCount = 423_624

    /// Streams every unique cell to `visit`, in the official `generate_graphs.py` order
    /// (first-seen representative of each hash; see `NB101Enumerator`). Uses all cores for
    /// hashing; `visit` runs on the calling thread.
    public static func enumerate(_ visit: (NB101Cell) throws -> Void) rethrows {
        try NB101Enumerator().run(threads: activeProcessorCount(), visit)
    }

    /// Enumerates a smaller space (fewer vertices / edges), as `generate_graphs.py` flags do.
    public static func enumerate(maxVertices: Int, maxEdges: Int, _ visit: (NB101Cell) throws -> Void) rethrows {
        try NB101Enumerator(maxVertices: min(max(maxVertices, 2), NB101Cell.maxVertices), maxEdges: maxEdges)
            .run(threads: activeProcessorCount(), visit)
    }

    /// `count` distinct cells drawn uniformly from all 423,624 in a seeded random order: the
    /// positions in enumeration order are drawn like every space's sample (a partial
    /// Fisher-Yates shuffle with `SeededGenerator`), then one enumeration picks them up, so it
    /// costs an enumeration (seconds in release builds). `count` is capped at the space size.
    public static func sample(count: Int, seed: UInt64) -> [NB101Cell] {
        guard let positions = try? DistinctIndexSample.draw(count: max(count, 0), from: cellCount, seed: seed, space: id),
              !positions.isEmpty else { return [] }
        var slot = [Int: Int](minimumCapacity: positions.count)
        for (k, position) in positions.enumerated() { slot[position] = k }
        var picked = [NB101Cell?](repeating: nil, count: positions.count)
        var position = 0
        enumerate { cell in
            if let k = slot[position] { picked[k] = cell }
            position += 1
        }
        return picked.compactMap { $0 }
    }

    /// Fast sampling the way the official `example.py` and NASLib draw random NB101 cells:
    /// a random 7x7 upper-triangular matrix (each entry 1 with probability 1/2) and random
    /// interior operations, pruned, rejected when invalid or over 9 edges; duplicates (same
    /// hash) are skipped. Not uniform over unique cells (larger cells are favoured), but
    /// needs no enumeration. `count` is capped at the number of cells.
    public static func sampleRandomSpecs(count: Int, seed: UInt64) -> [NB101Cell] {
        let wanted = min(max(count, 0), cellCount)
        var rng = SeededGenerator(seed: seed)
        var seen = Set<MD5Digest>()
        var cells: [NB101Cell] = []
        while cells.count < wanted {
            let n = NB101Cell.maxVertices
            var matrix = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
            for u in 0..<n { for v in (u + 1)..<n { matrix[u][v] = rng.below(2) } }
            var ops: [NB101Operation] = [.input]
            for _ in 1..<(n - 1) { ops.append(NB101Operation.interior[rng.below(3)]) }
            ops.append(.output)
            guard let spec = try? NB101ModelSpec(matrix: matrix, operations: ops),
                  let cell = try? spec.pruned() else { continue }
            if seen.insert(cell.hash).inserted { cells.append(cell) }
        }
        return cells
    }

    static func activeProcessorCount() -> Int {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 2
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#endif
