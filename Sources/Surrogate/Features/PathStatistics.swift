import ONNXModel

/// Statistics over all input -> output paths of a compute graph, computed by dynamic
/// programming in topological order (the number of paths grows exponentially with depth:
/// a residual network of n blocks has 2^n, so counts are kept as logarithms).
///
/// "Depth" here counts weighted layers (convolutions, linear layers) along a path: a
/// residual network behaves like an ensemble of paths of different depths (Veit et al.,
/// 2016), and the distribution of those depths, not only the longest, tells how trainable
/// and expressive it is.
struct PathStatistics {
    var logPathCount = 0.0
    var meanDepth = 0.0
    var depthStandardDeviation = 0.0
    var minDepth = 0.0
    var maxDepth = 0.0
    /// Longest and shortest paths counted in vertices of any kind.
    var longestVertexPath = 0.0
    var shortestVertexPath = 0.0
    /// Receptive field (first spatial axis, input pixels) at the last spatial layer, along
    /// the path that gives the largest and the one that gives the smallest.
    var maxReceptiveField = 0.0
    var minReceptiveField = 0.0
    /// Longest-path vertex depth of each vertex (for skip spans).
    var vertexDepth: [Int] = []

    init() {}

    init(_ g: ComputeGraph) {
        let n = g.vertices.count
        guard n > 0, let out = g.outputVertex else { return }
        var logCount = [Double](repeating: 0, count: n)
        var mean = [Double](repeating: 0, count: n)
        var second = [Double](repeating: 0, count: n)
        var lo = [Double](repeating: 0, count: n)
        var hi = [Double](repeating: 0, count: n)
        var longest = [Int](repeating: 0, count: n)
        var shortest = [Int](repeating: 0, count: n)
        var rfMax = [Double](repeating: 1, count: n)
        var rfMin = [Double](repeating: 1, count: n)
        var jumpMax = [Double](repeating: 1, count: n)
        var jumpMin = [Double](repeating: 1, count: n)

        for (k, v) in g.vertices.enumerated() {
            let w = v.isWeighted ? 1.0 : 0.0
            let preds = v.predecessors
            // Sources (graph inputs) have one empty path of depth 0.
            var counts: [Double] = []
            counts.reserveCapacity(max(1, preds.count))
            var inLo = Double.infinity, inHi = -Double.infinity
            var inLongest = -1, inShortest = Int.max
            var inRfMax = 1.0, inRfMin = Double.infinity, inJumpMax = 1.0, inJumpMin = Double.infinity
            for p in preds {
                if p < 0 {
                    counts.append(0)
                    inLo = min(inLo, 0); inHi = max(inHi, 0)
                    inLongest = max(inLongest, 0); inShortest = min(inShortest, 0)
                    inRfMin = min(inRfMin, 1); inJumpMin = min(inJumpMin, 1)
                } else {
                    counts.append(logCount[p])
                    inLo = min(inLo, lo[p]); inHi = max(inHi, hi[p])
                    inLongest = max(inLongest, longest[p]); inShortest = min(inShortest, shortest[p])
                    inRfMax = max(inRfMax, rfMax[p]); inJumpMax = max(inJumpMax, jumpMax[p])
                    inRfMin = min(inRfMin, rfMin[p]); inJumpMin = min(inJumpMin, jumpMin[p])
                }
            }
            if preds.isEmpty {
                counts = [0]; inLo = 0; inHi = 0; inLongest = 0; inShortest = 0; inRfMin = 1; inJumpMin = 1
            }
            let total = Self.logSumExp(counts)
            var m = 0.0, s = 0.0
            for (i, p) in (preds.isEmpty ? [-1] : preds).enumerated() {
                let share = Self.exp(counts[i] - total)
                if p >= 0 { m += share * mean[p]; s += share * second[p] }
            }
            logCount[k] = total
            mean[k] = m + w
            second[k] = s + 2 * w * m + w * w
            lo[k] = inLo + w
            hi[k] = inHi + w
            longest[k] = inLongest + 1
            shortest[k] = inShortest + 1
            // Receptive field: a window of k (dilated) pixels at stride s widens the field by
            // (k - 1) input jumps and multiplies the jump by s.
            var grow = 0.0, stride = 1.0
            if let kernel = v.kernel.first, kernel > 1 {
                grow = (Double(kernel) - 1) * Double(max(v.dilation, 1))
            }
            if !v.kernel.isEmpty { stride = Double(max(v.stride, 1)) }
            rfMax[k] = inRfMax + grow * inJumpMax
            jumpMax[k] = inJumpMax * stride
            rfMin[k] = inRfMin + grow * inJumpMin
            jumpMin[k] = inJumpMin * stride
            if v.opClass == .globalPool {
                // Past a global pooling every output sees the whole image: keep the field the
                // last spatial layer had.
                jumpMax[k] = inJumpMax; jumpMin[k] = inJumpMin
            }
        }
        logPathCount = logCount[out]
        meanDepth = mean[out]
        depthStandardDeviation = max(0, second[out] - mean[out] * mean[out]).squareRoot()
        minDepth = lo[out]
        maxDepth = hi[out]
        longestVertexPath = Double(longest[out])
        shortestVertexPath = Double(shortest[out])
        maxReceptiveField = rfMax[out]
        minReceptiveField = rfMin[out]
        vertexDepth = longest
    }

    static func logSumExp(_ xs: [Double]) -> Double {
        guard let m = xs.max() else { return 0 }
        if xs.count == 1 { return m }
        var s = 0.0
        for x in xs { s += exp(x - m) }
        return m + log(s)
    }

    static func exp(_ x: Double) -> Double { Math.exp(x) }
    static func log(_ x: Double) -> Double { Math.log(x) }
}
