/// `--shard K/N`: this run does the K-th of N disjoint parts of the work (K = 1...N), so
/// that a cluster's array jobs can split a build. Items are ordered by their path in the
/// bench and dealt round-robin: item i (0-based, in that order) belongs to shard
/// `i % N + 1`. The N shards partition the work exactly, whatever N.
public struct ShardSpec: Equatable, Sendable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public static let all = ShardSpec(uncheckedIndex: 1, count: 1)

    private init(uncheckedIndex: Int, count: Int) {
        self.index = uncheckedIndex
        self.count = count
    }

    public init(index: Int, count: Int) throws(BenchError) {
        guard count >= 1, count <= 1_000_000 else { throw .usage("--shard K/N: N must be in 1...1000000, got \(count)") }
        guard index >= 1, index <= count else { throw .usage("--shard K/N: K must be in 1...\(count) (shards are numbered from 1), got \(index)") }
        self.init(uncheckedIndex: index, count: count)
    }

    /// Parses `K/N`.
    public init(parsing text: String) throws(BenchError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw .usage("--shard expects K/N with whole numbers (e.g. 2/8), got '\(text)'")
        }
        try self.init(index: k, count: n)
    }

    /// Whether the item at `position` (0-based, in path order) is this shard's.
    public func owns(_ position: Int) -> Bool { position % count == index - 1 }

    /// How many of `total` items (positions 0..<total) this shard owns.
    public func share(of total: Int) -> Int {
        total >= index ? (total - index) / count + 1 : 0
    }

    public var description: String { "\(index)/\(count)" }
}
