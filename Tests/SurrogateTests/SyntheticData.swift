import ONNXNetSupport
@testable import Surrogate

/// Feature vectors with a known relation to their target, for ranker tests: the target is a
/// monotone, non-linear function of two structural features plus the presence of one hashed
/// feature, with a little noise.
enum SyntheticData {
    static func make(count: Int, seed: UInt64, noise: Double = 0.05) -> (features: [FeatureVector], targets: [Double]) {
        var rng = SeededGenerator(seed: seed)
        var features: [FeatureVector] = []
        var targets: [Double] = []
        for _ in 0..<count {
            var dense = [Double](repeating: 0, count: StructuralFeatures.count)
            // Five informative-or-noise columns; the others stay constant (as many structural
            // statistics are within one search space).
            for j in 0..<5 { dense[j] = rng.normal() }
            var indices: [Int32] = []
            var values: [Float] = []
            for k in 0..<20 where rng.uniform() < 0.3 {
                indices.append(Int32(100 * k + 7))
                values.append(Float(1 + rng.below(3)))
            }
            let bonus = indices.contains(707) ? 1.0 : 0.0
            let y = 3 * tanh(dense[0]) + dense[1] + bonus + noise * rng.normal()
            features.append(FeatureVector(dense: dense, indices: indices, values: values,
                                          parameterCount: Double(rng.below(1000)), multiplyAdds: Double(rng.below(1000))))
            targets.append(60 + 5 * y)
        }
        return (features, targets)
    }

    static func tanh(_ x: Double) -> Double {
        let e = Math.exp(2 * x)
        return (e - 1) / (e + 1)
    }
}
