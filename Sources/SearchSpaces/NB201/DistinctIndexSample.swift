import ONNXNetSupport

/// `count` distinct indices of `0..<total` in a seeded random order: the first `count` steps
/// of a Fisher-Yates shuffle driven by the project's `SeededGenerator`.
enum DistinctIndexSample {
    static func draw(count: Int, from total: Int, seed: UInt64, space: String) throws -> [Int] {
        guard count >= 0 else { throw SearchSpaceError(space: space, "cannot sample \(count) architectures") }
        let wanted = min(count, total)
        var rng = SeededGenerator(seed: seed)
        var indices = Array(0..<total)
        for i in 0..<wanted { indices.swapAt(i, i + rng.below(total - i)) }
        return Array(indices[..<wanted])
    }
}
