import ONNXNetSupport
import ONNXModel

/// The featurised, labelled architectures of one search space: what the evaluation
/// protocols split into training and test sets. The space name is used only to pick the
/// protocol's sets, never as a feature.
public struct LabelledPool: Sendable {
    public var space: String
    /// The architectures in the space's native notation (for reports and scatter plots).
    public var names: [String]
    public var accuracies: [Double]
    public var features: [FeatureVector]
    /// Records whose model could not be built or featurised, with the reason.
    public var failures: [(name: String, reason: String)]

    public init(space: String, names: [String], accuracies: [Double], features: [FeatureVector],
                failures: [(name: String, reason: String)] = []) {
        self.space = space
        self.names = names
        self.accuracies = accuracies
        self.features = features
        self.failures = failures
    }

    public var count: Int { accuracies.count }

    /// Builds and featurises every record in parallel (input order kept). `makeModel` turns a
    /// notation into an ONNX model (a search space's generator); records it rejects are
    /// listed in `failures` and left out.
    public static func build(space: String, records: [(name: String, accuracy: Double)], features config: FeatureConfig,
                             threads: Int? = nil, progress: (@Sendable (Int) -> Void)? = nil,
                             makeModel: @escaping @Sendable (String) throws -> Model) -> LabelledPool {
        let results: [Result<FeatureVector, PoolBuildError>] =
            ParallelMap.indices(records.count, jobs: threads ?? ParallelMap.processorCount) { i in
                defer { progress?(i) }
                do {
                    return .success(GraphFeatures.extract(try makeModel(records[i].name), config: config))
                } catch {
                    return .failure(PoolBuildError(reason: "\(error)"))
                }
            }
        var pool = LabelledPool(space: space, names: [], accuracies: [], features: [])
        for (i, r) in results.enumerated() {
            switch r {
            case .success(let v):
                pool.names.append(records[i].name)
                pool.accuracies.append(records[i].accuracy)
                pool.features.append(v)
            case .failure(let e):
                pool.failures.append((records[i].name, e.reason))
            }
        }
        return pool
    }

    /// Position of every architecture by name (the first, should a name repeat).
    public func positionsByName() -> [String: Int] {
        var out: [String: Int] = [:]
        out.reserveCapacity(names.count)
        for (i, n) in names.enumerated() where out[n] == nil { out[n] = i }
        return out
    }
}

struct PoolBuildError: Error {
    let reason: String
}
