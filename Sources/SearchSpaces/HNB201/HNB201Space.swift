import NetworkBuilder
import ONNXModel
import ONNXNetSupport

/// Hierarchical NAS-Bench-201 (Schrodi et al., "Construction of Hierarchical Neural
/// Architecture Search Spaces based on Context-free Grammars", NeurIPS 2023), the fully
/// hierarchical "variable_multi_multi" space, on CIFAR-10. Architectures are written as the
/// derivation strings NePS samples and stores, e.g.
/// `(D2 Linear3 (D1 Linear3 (C Linear2 (CELL Cell (OPS id) (OPS zero) ...) ...) ...) ...)`.
public struct HNB201Space: SearchSpace {
    public static let id = "hnb201"
    public var id: String { Self.id }
    public var summary: String {
        "hierarchical NAS-Bench-201 (CFG over macro topology, cells, conv blocks; NePS derivation strings), CIFAR-10"
    }
    public var architectureCount: Int? { nil }

    public init() {}

    var notation: SExpressionNotation { SExpressionNotation(grammar: HNB201Grammar.grammar) }

    /// Parses and validates a derivation (grammar and zero-edge rule).
    func derivation(_ text: String) throws(SearchSpaceError) -> Derivation {
        do {
            let d = try notation.parse(text)
            _ = try DerivationEvaluator(rules: HNB201Rules()).evaluate(d, context: .init())
            return d
        } catch {
            throw SearchSpaceError(space: id, error.description)
        }
    }

    public func canonicalize(_ notation: String) throws -> String {
        self.notation.print(try derivation(notation))
    }

    /// Derivations drawn as NePS does: every alternative uniformly (by how often the grammar
    /// lists it), `zero` left out where it would disconnect a cell. Distinct strings.
    public func sample(count: Int, seed: UInt64) throws -> [String] {
        var rng = SeededGenerator(seed: seed)
        let sampler = DerivationSampler(rules: HNB201Rules())
        var seen = Set<String>()
        var out: [String] = []
        var attempts = 0
        while out.count < max(count, 0) {
            attempts += 1
            guard attempts <= 10 * count + 100 else {
                throw SearchSpaceError(space: id, "could not draw \(count) distinct architectures")
            }
            let (d, _) = try sampler.sample(context: .init(), using: &rng)
            let s = notation.print(d)
            if seen.insert(s).inserted { out.append(s) }
        }
        return out
    }

    func network(_ notation: String) throws -> HNB201Network {
        try HNB201Network(derivation(notation))
    }

    public func build(_ notation: String, weights: WeightMode) throws -> Model {
        var traced = try network(notation).traced()
        traced.simplify()
        return traced.model(builder: NetworkBuilder(inputChannels: 3, inputSize: HNB201Network.inputSize, batch: 1,
                                                    opset: 17, weights: weights, inputName: "input"))
    }

    public func info(_ notation: String) throws -> ArchitectureInfo {
        let net = try network(notation)
        var traced = net.traced()
        traced.simplify()
        return ArchitectureInfo(trainableParameters: net.parameterCount, flops: net.flops,
                                nodeCount: traced.operationNodeCount)
    }
}
