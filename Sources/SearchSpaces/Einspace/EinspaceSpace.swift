import NetworkBuilder
import ONNXModel
import ONNXNetSupport

/// einspace (Ericsson et al., NeurIPS 2024) on 3x32x32 images with 10 classes. The original
/// keeps an architecture as a nested dictionary of its functions; its string form here names
/// them the same way, as nested calls:
/// `branching_module(clone_tensor2, computation_module(linear64), routing_module(identity,
/// computation_module(softmax), identity), add_tensors)`.
public struct EinspaceSpace: SearchSpace {
    public static let id = "einspace"
    public var id: String { Self.id }
    public var summary: String {
        "einspace (CFG of sequential/branching/routing/computation modules, shape-checked), 3x32x32 input, 10 classes"
    }
    public var architectureCount: Int? { nil }

    let limits: EinspaceRules.Limits

    public init() { limits = .init() }

    init(limits: EinspaceRules.Limits) { self.limits = limits }

    static var inputContext: EinspaceRules.Context {
        EinspaceRules.Context(shape: EinspaceNetwork.inputShape, mode: .image)
    }

    /// Parses and validates a derivation: grammar and shapes (the sampling limits do not apply).
    func derivation(_ text: String) throws(SearchSpaceError) -> (Derivation, EinspaceRules.Value) {
        do {
            let d = try EinspaceGrammar.notation.parse(text)
            let v = try DerivationEvaluator(rules: EinspaceRules(limits: limits, enforceLimits: false))
                .evaluate(d, context: Self.inputContext)
            return (d, v)
        } catch {
            throw SearchSpaceError(space: id, error.description)
        }
    }

    public func canonicalize(_ notation: String) throws -> String {
        EinspaceGrammar.notation.print(try derivation(notation).0)
    }

    /// Derivations drawn as the original's `EinSpace.sample` draws them (see `EinspaceRules`),
    /// restarted when one passes the cost limits. Distinct strings.
    public func sample(count: Int, seed: UInt64) throws -> [String] {
        var rng = SeededGenerator(seed: seed)
        let sampler = DerivationSampler(rules: EinspaceRules(limits: limits, enforceLimits: true))
        var seen = Set<String>()
        var out: [String] = []
        var attempts = 0
        while out.count < max(count, 0) {
            attempts += 1
            guard attempts <= 10 * count + 100 else {
                throw SearchSpaceError(space: id, "could not draw \(count) distinct architectures")
            }
            let (d, _) = try sampler.sample(context: Self.inputContext, using: &rng)
            let s = EinspaceGrammar.notation.print(d)
            if seen.insert(s).inserted { out.append(s) }
        }
        return out
    }

    func traced(_ notation: String) throws -> TracedNetwork {
        var net = EinspaceNetwork(try derivation(notation).0).net
        net.simplify()
        return net
    }

    public func build(_ notation: String, weights: WeightMode) throws -> Model {
        try traced(notation).model(builder: NetworkBuilder(inputChannels: 3, inputSize: 32, batch: 1, opset: 17,
                                                            weights: weights, inputName: "input"))
    }

    public func info(_ notation: String) throws -> ArchitectureInfo {
        let (d, value) = try derivation(notation)
        var net = EinspaceNetwork(d).net
        net.simplify()
        return ArchitectureInfo(trainableParameters: value.cost.parameters, flops: value.cost.macs,
                                nodeCount: net.operationNodeCount)
    }
}
