import ONNXModel
import ONNXNetEncoding

/// Turns an ONNX model into the surrogate's input: only what the graph says, in a way that
/// does not depend on which search space (or framework) produced it.
public enum GraphFeatures {
    /// Bumped whenever extraction changes what a model maps to (invalidates feature caches).
    public static let version: UInt32 = 4

    /// Names of the dense statistics, in `FeatureVector.dense` order.
    public static var denseFeatureNames: [String] { StructuralFeatures.names }

    /// Features of `model` under `config`. Deterministic: the same model gives the same
    /// vector in every process.
    public static func extract(_ model: Model, config: FeatureConfig = .default) -> FeatureVector {
        let graph = ComputeGraph(model: model)
        let paths = PathStatistics(graph)
        let dense = StructuralFeatures.compute(graph, paths: paths)

        // Every occurrence of a hashed key; counted after sorting (cheaper than a dictionary).
        var keys: [UInt64] = []
        keys.reserveCapacity(1024)
        if config.wlIterations >= 0 {
            WeisfeilerLehman.accumulate(graph, iterations: config.wlIterations, channels: false,
                                        family: StableHash.string("wl"), into: &keys)
            if config.wlChannels {
                WeisfeilerLehman.accumulate(graph, iterations: config.wlIterations, channels: true,
                                            family: StableHash.string("wl+channels"), into: &keys)
            }
        }
        if config.tokenNGramOrder > 0 {
            let text = ONNXNetEncoder.encode(model, variant: .chainSlim).text
            TokenNGrams.accumulate(text, maxOrder: config.tokenNGramOrder, family: StableHash.string("chain_slim"), into: &keys)
        }
        var weights = [Double](repeating: 1, count: keys.count)
        if config.pathLength > 0 {
            OperationPaths.accumulate(graph, maxLength: config.pathLength, family: StableHash.string("paths"),
                                      into: &keys, weights: &weights)
        }
        let (indices, values) = hash(keys, weights: weights, dimension: config.hashedDimension)
        return FeatureVector(dense: dense, indices: indices, values: values,
                             parameterCount: graph.totalParameters, multiplyAdds: graph.totalMultiplyAdds)
    }

    /// Folds weighted key occurrences into `dimension` slots (colliding keys add up) and
    /// scales each slot's total as log(1 + total), so that a feature seen 100 times weighs ~5x
    /// one seen once. Weights are whole numbers, so sums do not depend on order.
    static func hash(_ keys: [UInt64], weights: [Double], dimension: Int) -> ([Int32], [Float]) {
        let mask = UInt64(dimension - 1)
        // Slot in the high half, occurrence in the low half: a plain integer sort (no
        // comparison closure) groups the occurrences of each slot.
        var packed = [UInt64](repeating: 0, count: keys.count)
        for k in keys.indices { packed[k] = (keys[k] & mask) << 32 | UInt64(k) }
        packed.sort()
        var indices: [Int32] = []
        var values: [Float] = []
        var k = 0
        while k < packed.count {
            let slot = packed[k] >> 32
            var total = 0.0
            while k < packed.count && packed[k] >> 32 == slot { total += weights[Int(packed[k] & 0xFFFF_FFFF)]; k += 1 }
            indices.append(Int32(truncatingIfNeeded: slot))
            values.append(Float(Math.logCount(total)))
        }
        return (indices, values)
    }
}
