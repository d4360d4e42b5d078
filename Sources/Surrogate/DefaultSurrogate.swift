import ONNXNetSupport

/// The surrogate that ships inside the package, and how it is made: trained on every
/// labelled architecture with the default configuration and seed 0 (`onnxnet train`, see
/// Resources/README.txt), pools concatenated in the order given.
public enum DefaultSurrogate {
    public static let resourceName = "default"
    public static let fileExtension = "onnxnet"

    /// Trains a surrogate on featurised pools, concatenated in the given order (empty ones
    /// are left out).
    public static func train(pools: [LabelledPool], config: SurrogateConfig = SurrogateConfig(),
                             description: String? = nil,
                             log: (@Sendable (String) -> Void)? = nil) throws(SurrogateTrainingError) -> SurrogateModel {
        var features: [FeatureVector] = [], accuracies: [Double] = []
        var used: [String] = []
        for p in pools where p.count > 0 {
            let name = p.space
            features += p.features
            accuracies += p.accuracies
            used.append("\(name) \(p.count)")
        }
        return try Surrogate.train(features: features, accuracies: accuracies, config: config,
                                   description: description ?? "trained on " + used.joined(separator: ", "), log: log)
    }

    /// The model bundled with the package. Found without `Bundle.module`, whose generated
    /// accessor traps when the resource bundle is missing: a clear error instead.
    public static func embedded() throws(SurrogateFileError) -> SurrogateModel {
        let file = "\(resourceName).\(fileExtension)"
        let sourceFolder = String(#filePath.split(separator: "/", omittingEmptySubsequences: false)
            .dropLast(1).joined(separator: "/"))
        let directory: String
        do {
            directory = try ResourceLocator.directory(bundle: "ONNXNet_Surrogate", containing: "Resources/" + file,
                                                      fallbacks: [sourceFolder])
        } catch {
            throw .cannotRead(path: "\(file) (embedded)", reason: "\(error)")
        }
        return try SurrogateModel(path: directory + "/Resources/" + file)
    }
}
