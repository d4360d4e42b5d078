/// The features of one model: named dense statistics (`StructuralFeatures`) and a sparse
/// vector of hashed counts (Weisfeiler-Lehman labels, token n-grams) in a fixed dimension.
public struct FeatureVector: Sendable, Equatable {
    /// `StructuralFeatures.names` order.
    public var dense: [Double]
    /// Hashed feature indices (ascending, unique) in `0..<hashedDimension`, and their values.
    public var indices: [Int32]
    public var values: [Float]
    /// Zero-cost figures kept beside the features (the baselines of the evaluation): float
    /// initializer elements and multiply-adds of Conv/Gemm/MatMul over the whole graph.
    public var parameterCount: Double
    public var multiplyAdds: Double

    public init(dense: [Double], indices: [Int32], values: [Float], parameterCount: Double, multiplyAdds: Double) {
        self.dense = dense
        self.indices = indices
        self.values = values
        self.parameterCount = parameterCount
        self.multiplyAdds = multiplyAdds
    }

    /// Value of hashed feature `index` (0 when absent).
    public func hashed(_ index: Int) -> Float {
        var lo = 0, hi = indices.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(indices[mid]) < index { lo = mid + 1 } else { hi = mid }
        }
        return lo < indices.count && Int(indices[lo]) == index ? values[lo] : 0
    }
}
