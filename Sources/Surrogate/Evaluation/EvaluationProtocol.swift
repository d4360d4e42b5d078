import ONNXNetSupport

/// The evaluation protocols of `../shared/spec/protocols.md`: which pools they need and how
/// a seed splits them into training and test sets.
///
/// Random draws: a pool's indices 0..<n are shuffled by `SeededGenerator(seed:)`'s
/// Fisher-Yates shuffle and the first k are the training set. Protocols that draw from
/// several pools give each pool its own generator, seeded with `seed ^ poolSalt(name)`.
public struct EvaluationProtocol: Sendable, Equatable {
    public let id: String
    public let summary: String
    /// Pool names (`nb201`, `nb101`, `nb101-naslib`, `nb301`) the protocol reads; the
    /// optional ones are used when present.
    public let requiredPools: [String]
    public let optionalPools: [String]

    /// Pool names the evaluator understands.
    public static let nb201Pool = "nb201"
    public static let nb101Pool = "nb101"
    public static let nb101NASLibPool = "nb101-naslib"
    public static let nb301Pool = "nb301"

    public static let all: [EvaluationProtocol] = [
        EvaluationProtocol(id: "nb201-1pct", summary: "156 random NB201 cells -> all other NB201 cells",
                           requiredPools: [nb201Pool], optionalPools: []),
        EvaluationProtocol(id: "nb201-10pct", summary: "1,563 random NB201 cells -> all other NB201 cells",
                           requiredPools: [nb201Pool], optionalPools: []),
        EvaluationProtocol(id: "nb101-424", summary: "424 random cells of the NB101 20k set -> the rest of it",
                           requiredPools: [nb101Pool], optionalPools: []),
        EvaluationProtocol(id: "nb101-to-nb201", summary: "all labelled NB101 cells -> all 15,625 NB201 cells (zero-shot)",
                           requiredPools: [nb101Pool, nb201Pool], optionalPools: [nb101NASLibPool]),
        EvaluationProtocol(id: "leave-one-out", summary: "1,000 cells of every other labelled space -> the held-out space",
                           requiredPools: [nb101Pool, nb201Pool], optionalPools: [nb301Pool]),
    ]

    public static func named(_ id: String) throws(EvaluationError) -> EvaluationProtocol {
        guard let p = all.first(where: { $0.id == id.lowercased() }) else {
            throw .unknownProtocol(id, known: all.map(\.id))
        }
        return p
    }

    /// One training/test split: indices into the named pools.
    public struct Split: Sendable, Equatable {
        /// What is tested (the held-out space for leave-one-out).
        public var name: String
        public var train: [String: [Int]]
        public var testPool: String
        public var test: [Int]
    }

    /// The splits of this protocol for `seed` (leave-one-out gives one per held-out space).
    public func splits(poolSizes: [String: Int], seed: UInt64) throws(EvaluationError) -> [Split] {
        for p in requiredPools where (poolSizes[p] ?? 0) == 0 { throw .missingPool(p, protocolId: id) }
        switch id {
        case "nb201-1pct": return [Self.randomSplit(Self.nb201Pool, size: poolSizes[Self.nb201Pool]!, train: 156, seed: seed)]
        case "nb201-10pct": return [Self.randomSplit(Self.nb201Pool, size: poolSizes[Self.nb201Pool]!, train: 1563, seed: seed)]
        case "nb101-424": return [Self.randomSplit(Self.nb101Pool, size: poolSizes[Self.nb101Pool]!, train: 424, seed: seed)]
        case "nb101-to-nb201":
            var train = [Self.nb101Pool: Array(0..<poolSizes[Self.nb101Pool]!)]
            if let n = poolSizes[Self.nb101NASLibPool], n > 0 { train[Self.nb101NASLibPool] = Array(0..<n) }
            return [Split(name: Self.nb201Pool, train: train, testPool: Self.nb201Pool,
                          test: Array(0..<poolSizes[Self.nb201Pool]!))]
        case "leave-one-out":
            let spaces = [Self.nb101Pool, Self.nb201Pool, Self.nb301Pool].filter { (poolSizes[$0] ?? 0) > 0 }
            return spaces.map { held in
                var train: [String: [Int]] = [:]
                for other in spaces where other != held {
                    let order = Self.shuffled(poolSizes[other]!, seed: seed ^ Self.poolSalt(other))
                    train[other] = Array(order.prefix(1000)).sorted()
                }
                return Split(name: held, train: train, testPool: held, test: Array(0..<poolSizes[held]!))
            }
        default:
            throw .unknownProtocol(id, known: Self.all.map(\.id))
        }
    }

    static func randomSplit(_ pool: String, size: Int, train k: Int, seed: UInt64) -> Split {
        let order = shuffled(size, seed: seed)
        let cut = min(k, max(0, size - 2))
        return Split(name: pool, train: [pool: Array(order[0..<cut]).sorted()], testPool: pool,
                     test: Array(order[cut...]).sorted())
    }

    /// 0..<n in the order of `SeededGenerator(seed:)`'s Fisher-Yates shuffle.
    public static func shuffled(_ n: Int, seed: UInt64) -> [Int] {
        var rng = SeededGenerator(seed: seed)
        var order = Array(0..<n)
        rng.shuffle(&order)
        return order
    }

    /// A per-pool constant so that pools drawn with the same seed get unrelated draws.
    public static func poolSalt(_ pool: String) -> UInt64 { StableHash.string(pool) }
}

/// Why an evaluation could not run.
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownProtocol(String, known: [String])
    case missingPool(String, protocolId: String)
    case training(SurrogateTrainingError)

    public var description: String {
        switch self {
        case let .unknownProtocol(id, known): return "unknown protocol '\(id)'; known: " + known.joined(separator: ", ")
        case let .missingPool(pool, p): return "protocol \(p) needs the labelled \(pool) architectures, which are not available"
        case .training(let e): return "training failed: \(e)"
        }
    }
}
