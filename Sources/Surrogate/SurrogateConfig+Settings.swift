/// Text settings for experiments and the command line: `members=ridge:1,gbdt:2,mlp:1`,
/// `trees=600`, `wl=2`, ... Each key names one field; `settingKeys` lists them.
extension SurrogateConfig {
    public struct SettingError: Error, Equatable, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    public static let settingKeys: [String] = [
        "members", "design", "target", "hash-bits", "wl", "wl-channels", "ngrams", "paths",
        "ridge-lambda", "ridge-sparse", "ridge-iterations", "linear-lambda",
        "trees", "depth", "learning-rate", "min-leaf", "l2", "row-sample", "column-sample", "bins",
        "mlp-hidden", "mlp-steps", "mlp-batch", "mlp-lr", "mlp-decay", "mlp-margin", "mlp-pairs",
    ]

    /// Applies `key=value` settings separated by spaces or semicolons.
    public mutating func apply(settings text: String) throws(SettingError) {
        for item in text.split(whereSeparator: { $0 == " " || $0 == ";" }) where !item.isEmpty {
            guard let eq = item.firstIndex(of: "=") else { throw SettingError(message: "setting '\(item)' is not key=value") }
            try apply(String(item[..<eq]), String(item[item.index(after: eq)...]))
        }
    }

    public mutating func apply(_ key: String, _ value: String) throws(SettingError) {
        func int(_ range: ClosedRange<Int>) throws(SettingError) -> Int {
            guard let v = Int(value), range.contains(v) else { throw SettingError(message: "\(key): '\(value)' is not an integer in \(range)") }
            return v
        }
        func double(_ range: ClosedRange<Double>) throws(SettingError) -> Double {
            guard let v = Double(value), range.contains(v) else { throw SettingError(message: "\(key): '\(value)' is not a number in \(range)") }
            return v
        }
        func bool() throws(SettingError) -> Bool {
            switch value { case "1", "true", "yes": return true; case "0", "false", "no": return false
            default: throw SettingError(message: "\(key): '\(value)' is not true or false") }
        }
        switch key {
        case "members":
            var groups: [Member] = []
            for part in value.split(separator: ",") {
                let fields = part.split(separator: ":").map(String.init)
                guard let kind = fields.first.flatMap(RankerKind.named), fields.count <= 4 else {
                    throw SettingError(message: "members: '\(part)' is not kind[:count[:weight[:in|transfer]]] with kind in "
                                       + RankerKind.allCases.map(\.description).joined(separator: ", "))
                }
                let count = fields.count > 1 ? Int(fields[1]) : 1
                let weight = fields.count > 2 ? Double(fields[2]) : 1
                guard let count, (1...64).contains(count), let weight, weight > 0, weight.isFinite else {
                    throw SettingError(message: "members: bad count or weight in '\(part)'")
                }
                var role = kind.defaultRole
                if fields.count > 3 {
                    switch fields[3] {
                    case "in": role = .inDistribution
                    case "transfer": role = .transfer
                    default: throw SettingError(message: "members: role '\(fields[3])' is not in or transfer")
                    }
                }
                groups.append(Member(kind, count: count, weight: weight, role: role))
            }
            guard !groups.isEmpty else { throw SettingError(message: "members: empty list") }
            members = groups
        case "design": designColumns = try int(0...8192)
        case "target":
            switch value {
            case "normal": targetScale = .normalScores
            case "standard": targetScale = .standardized
            default: throw SettingError(message: "target: '\(value)' is not normal or standard")
            }
        case "hash-bits": features.hashBits = try int(8...22)
        case "wl": features.wlIterations = try int(-1...8)
        case "wl-channels": features.wlChannels = try bool()
        case "ngrams": features.tokenNGramOrder = try int(0...6)
        case "paths": features.pathLength = try int(0...8)
        case "ridge-lambda": hyperparameters.ridgeLambda = try double(1e-9...1e6)
        case "ridge-sparse": hyperparameters.ridgeSparseScale = try double(0...1e3)
        case "ridge-iterations": hyperparameters.ridgeIterations = try int(1...100_000)
        case "linear-lambda": hyperparameters.linearLambda = try double(1e-9...1e6)
        case "trees": hyperparameters.treeCount = try int(0...100_000)
        case "depth": hyperparameters.treeDepth = try int(1...12)
        case "learning-rate": hyperparameters.treeLearningRate = try double(1e-6...1)
        case "min-leaf": hyperparameters.treeMinLeaf = try int(1...100_000)
        case "l2": hyperparameters.treeL2 = try double(0...1e6)
        case "row-sample": hyperparameters.treeRowSample = try double(0.01...1)
        case "column-sample": hyperparameters.treeColumnSample = try double(0.01...1)
        case "bins": hyperparameters.treeBins = try int(2...255)
        case "mlp-hidden": hyperparameters.mlpHidden = try int(4...4096)
        case "mlp-steps": hyperparameters.mlpSteps = try int(0...10_000_000)
        case "mlp-batch": hyperparameters.mlpBatch = try int(2...65_536)
        case "mlp-lr": hyperparameters.mlpLearningRate = try double(1e-7...1)
        case "mlp-decay": hyperparameters.mlpWeightDecay = try double(0...1)
        case "mlp-margin": hyperparameters.mlpMargin = try double(0...100)
        case "mlp-pairs": hyperparameters.mlpPairsPerExample = try int(1...64)
        default:
            throw SettingError(message: "unknown setting '\(key)'; known: " + Self.settingKeys.joined(separator: ", "))
        }
    }
}
