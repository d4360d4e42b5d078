import ONNXNetSupport
import SearchSpaces

/// Train/test splits of the evaluation protocols, deterministic by seed.
///
/// The exact draw (so that every figure can be reproduced):
/// - The *pool* of a space is the given records of that space in the given order, with
///   repeats of an architecture dropped (first kept; NB101 records keyed by module hash and
///   NASLib's NB101 tuples are compared by the hash of the pruned cell).
/// - `randomSubset(k)`: `order = [0, 1, ..., pool.count - 1]`, shuffled in place by
///   `SeededGenerator(seed: seed).shuffle(&order)` (Fisher-Yates from the last index down,
///   `j = below(i + 1)`); train = the records at `order[0..<k]`, listed in pool order;
///   test = every other record of the pool, in pool order.
/// - `leaveOneOut`: for each other space present (sorted by id), the same draw with the
///   generator seeded by `seed ^ fnv1a64(space id)` and k = min(1,000, pool size); train is
///   the concatenation in that space order; test = the held-out space's whole pool.
/// - `transfer`: train = the whole pool of the training space, test = the whole pool of the
///   test space; the seed does not matter.
///
/// Records are any `SplittableRecord`: the embedded labels, or the index of a bench directory
/// (whose draws follow the index order).
public enum ProtocolSplit {
    public typealias Split = (train: [LabelRecord], test: [LabelRecord])

    /// Splits `records` (records of other spaces are ignored) by the protocol named `protocol`.
    public static func make(protocol id: String, seed: UInt64, records: [LabelRecord]) throws(BenchError) -> Split {
        try make(BenchProtocol.named(id), seed: seed, records: records)
    }

    /// Splits the protocol's default population from the embedded labels
    /// (`defaultRecords(for:)`).
    public static func make(protocol id: String, seed: UInt64) throws(BenchError) -> Split {
        let p = try BenchProtocol.named(id)
        return try make(p, seed: seed, records: defaultRecords(for: p))
    }

    public static func make<R: SplittableRecord>(_ p: BenchProtocol, seed: UInt64, records: [R]) throws(BenchError)
        -> (train: [R], test: [R])
    {
        switch p.kind {
        case let .randomSubset(space, k):
            let pool = self.pool(records, space: space)
            guard pool.count > k else {
                throw .usage("\(p.id) draws \(k) training records of \(space) but only \(pool.count) are given")
            }
            return draw(pool, count: k, seed: seed)
        case let .transfer(trainSpace, testSpace):
            let train = pool(records, space: trainSpace), test = pool(records, space: testSpace)
            guard !train.isEmpty, !test.isEmpty else {
                throw .usage("\(p.id) needs records of \(trainSpace) and \(testSpace); given \(train.count) and \(test.count)")
            }
            return (train, test)
        case let .leaveOneOut(heldOut, perSpace):
            let test = pool(records, space: heldOut)
            guard !test.isEmpty else { throw .usage("\(p.id): no records of the held-out space \(heldOut)") }
            let others = Set(records.map(\.spaceID)).subtracting([heldOut]).sorted()
            guard !others.isEmpty else { throw .usage("\(p.id): no records of any other space to train on") }
            var train: [R] = []
            for space in others {
                let spacePool = pool(records, space: space)
                train += draw(spacePool, count: min(perSpace, spacePool.count), seed: seed ^ fnv1a64(space)).train
            }
            return (train, test)
        }
    }

    /// The population each protocol is defined on, from the embedded labels: NB201 = the
    /// official 15,625 (CIFAR-10 test accuracy); NB101 = the 20k hashed set for `nb101-424`,
    /// the 20k set plus NASLib's 500 for the others; NB301 = NASLib's 725 (surrogate labels).
    public static func defaultRecords(for p: BenchProtocol) throws(BenchError) -> [LabelRecord] {
        do {
            switch p.kind {
            case .randomSubset(let space, _):
                let records = space == BenchSpace.nb101.rawValue ? try EmbeddedLabels.nb101Hashed() : try embeddedLabels(space)
                guard !records.isEmpty else { throw BenchError.usage("no embedded labels for \(space); pass imported records") }
                return records
            case let .transfer(train, test):
                return try embeddedLabels(train) + embeddedLabels(test)
            case .leaveOneOut:
                return try EmbeddedBench.labelledSpaces.flatMap { try embeddedLabels($0) }
            }
        } catch let e as BenchError {
            throw e
        } catch {
            throw .io(path: "embedded labels", message: "\(error)")
        }
    }

    /// Every embedded record of a space (NB101: the 20k set, then NASLib's 500).
    public static func embeddedLabels(_ space: String) throws -> [LabelRecord] {
        try EmbeddedBench.sets(for: space).flatMap { try EmbeddedLabels.load($0) }
    }

    /// Records of `space`, first occurrence of each architecture kept: the population the
    /// protocols draw from (and what the default surrogate trains on).
    public static func pool<R: SplittableRecord>(_ records: [R], space: String) -> [R] {
        var seen = Set<String>()
        return records.filter { $0.spaceID == space && seen.insert($0.architectureKey).inserted }
    }

    static func draw<R>(_ pool: [R], count k: Int, seed: UInt64) -> (train: [R], test: [R]) {
        var order = Array(pool.indices)
        var generator = SeededGenerator(seed: seed)
        generator.shuffle(&order)
        var inTrain = [Bool](repeating: false, count: pool.count)
        for i in order.prefix(k) { inTrain[i] = true }
        var train: [R] = [], test: [R] = []
        train.reserveCapacity(k)
        test.reserveCapacity(pool.count - k)
        for (i, r) in pool.enumerated() {
            if inTrain[i] { train.append(r) } else { test.append(r) }
        }
        return (train, test)
    }

    /// 64-bit FNV-1a of the UTF-8 bytes: a stable per-space seed offset.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01b3
        }
        return h
    }
}
