import ONNXModel
import NetworkBuilder
import ONNXNetSupport

/// The DARTS search space as trained in NAS-Bench-301: a normal and a reduction cell of 4
/// nodes, each summing two of 7 operations on two distinct earlier states, in the 8-cell,
/// C=32 CIFAR-10 evaluation network. About 10^18 architectures: sampled, not enumerated.
public struct NB301Space: SearchSpace {
    public init() {}

    public var id: String { "nb301" }
    public var summary: String {
        "DARTS space as trained in NAS-Bench-301 (~10^18 cells; NASLib notation [[(input, op) x8], [(input, op) x8]])"
    }
    public var architectureCount: Int? { nil }
    /// Bounds the memory one `sample` call holds (the notations and the set that keeps them distinct).
    public static let maxSampleCount = 10_000_000

    public func genotype(_ notation: String) throws -> DARTSGenotype {
        do {
            return try DARTSNotation.parse(notation)
        } catch {
            throw SearchSpaceError(space: id, error.description)
        }
    }

    public func canonicalize(_ notation: String) throws -> String {
        DARTSNotation.print(try genotype(notation))
    }

    /// Draws the way NASLib's `NasBench301SearchSpace.sample_random_architecture` does: for
    /// each node, four uniform operations (two per cell), then two distinct inputs for the
    /// normal cell and two for the reduction cell, uniform over the ordered pairs of earlier
    /// states. Repeats within one call are drawn again, so the result has `count` distinct
    /// architectures.
    public func sample(count: Int, seed: UInt64) throws -> [String] {
        guard (0...Self.maxSampleCount).contains(count) else {
            throw SearchSpaceError(space: id, "sample count must be in 0...\(Self.maxSampleCount), got \(count)")
        }
        var rng = SeededGenerator(seed: seed)
        var seen = Set<DARTSGenotype>()
        var result: [String] = []
        result.reserveCapacity(count)
        while result.count < count {
            let g = Self.randomGenotype(&rng)
            if seen.insert(g).inserted { result.append(DARTSNotation.print(g)) }
        }
        return result
    }

    static func randomGenotype(_ rng: inout SeededGenerator) -> DARTSGenotype {
        let ops = DARTSOperation.allCases
        var normal: [DARTSEdge] = [], reduce: [DARTSEdge] = []
        for node in 0..<DARTSCell.nodeCount {
            let drawn = (0..<4).map { _ in ops[rng.below(ops.count)] }
            func distinctPair() -> (Int, Int) {
                let first = rng.below(node + 2)
                var second = rng.below(node + 1)
                if second >= first { second += 1 }
                return (first, second)
            }
            let n = distinctPair(), r = distinctPair()
            normal += [DARTSEdge(input: n.0, operation: drawn[0]), DARTSEdge(input: n.1, operation: drawn[1])]
            reduce += [DARTSEdge(input: r.0, operation: drawn[2]), DARTSEdge(input: r.1, operation: drawn[3])]
        }
        // Valid by construction: two distinct inputs among the node's predecessors.
        return DARTSGenotype(normal: DARTSCell(validEdges: normal), reduce: DARTSCell(validEdges: reduce))
    }

    public func build(_ notation: String, weights: WeightMode) throws -> Model {
        DARTSNetwork(genotype: try genotype(notation)).build(weights: weights)
    }

    /// Parameters as NASLib publishes them for NB301 (BatchNorms inside cell operations
    /// counted as non-affine), multiply-adds of convolutions and the classifier.
    public func info(_ notation: String) throws -> ArchitectureInfo {
        let network = DARTSNetwork(genotype: try genotype(notation))
        return ArchitectureInfo(trainableParameters: network.trainableParameters(operationBatchNormAffine: false),
                                flops: network.multiplyAdds(),
                                nodeCount: network.build(weights: .shapesOnly).graph.nodes.count)
    }
}
