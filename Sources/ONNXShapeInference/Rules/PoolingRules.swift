import ONNXModel

/// MaxPool, AveragePool, LpPool, their global forms, MaxRoiPool and MaxUnpool.
enum PoolingRules {
    static let rules: [String: OperatorRule] = {
        var r: [String: OperatorRule] = [:]
        r.add(["MaxPool"], since: 1, CommonRules.versioned([
            (1, pool(useDilation: false, .legacy)), (10, pool(useDilation: true, .legacy)), (22, pool(useDilation: true, .pytorch)),
        ]))
        r.add(["AveragePool"], since: 1, CommonRules.versioned([
            (1, pool(useDilation: false, .legacy)), (11, pool(useDilation: true, .legacy)), (22, pool(useDilation: true, .pytorch)),
        ]))
        r.add(["LpPool"], since: 1, CommonRules.versioned([
            (1, CommonRules.nothing), (2, pool(useDilation: false, .legacy)), (18, pool(useDilation: true, .legacy)),
            (22, pool(useDilation: true, .pytorch)),
        ]))
        r.add(["GlobalAveragePool", "GlobalMaxPool"], since: 1, globalPool)
        r.add(["GlobalLpPool"], since: 1, CommonRules.versioned([(1, CommonRules.nothing), (2, globalPool)]))
        r.add(["MaxRoiPool"], since: 1, maxRoiPool)
        r.add(["MaxUnpool"], since: 9, maxUnpool)
        return r
    }()

    /// Output 1 (MaxPool's indices) is int64.
    static func pool(useDilation: Bool, _ rounding: ConvPoolGeometry.CeilRounding) -> InferenceFunction {
        return { (c: inout NodeContext) throws(InferenceFailure) in
            try c.propagateElementType(from: 0, to: 0)
            if c.outputCount > 1 { c.setElementType(.int64, output: 1) }
            try ConvPoolGeometry.infer(&c, useDilation: useDilation, requireKernelShape: true, input: 0, weight: 1, rounding: rounding)
        }
    }

    /// (N, C, 1, ..., 1); an input of rank < 2 leaves the shape unknown.
    static let globalPool: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let x = c.inputShape(0), x.rank >= 2 else { return }
        var dims = [x.dims[0], x.dims[1]]
        for _ in 2..<x.rank { dims.append(.fixed(1)) }
        c.setShape(dims, output: 0)
    }

    /// (num_rois, C, pooled_shape[0], pooled_shape[1]).
    static let maxRoiPool: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let x = c.inputShape(0), let rois = c.inputShape(1) else { return }
        guard x.rank >= 2 else { throw InferenceFailure("input must have at least 2 dimensions") }
        guard rois.rank == 2 else { throw InferenceFailure("rois must have 2 dimensions") }
        guard let pooled = c.ints("pooled_shape") else { throw InferenceFailure("pooled_shape must be specified") }
        guard pooled.count == x.rank - 2, pooled.count >= 2 else { throw InferenceFailure("pooled_shape has the wrong length") }
        c.setShape([rois.dims[0], x.dims[1], .fixed(pooled[0]), .fixed(pooled[1])], output: 0)
    }

    /// Inverse of pooling: `stride*(in-1) + kernel - pads`; unknown when `output_shape` is given.
    static let maxUnpool: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard c.inputCount == 2 || c.inputCount == 3 else { throw InferenceFailure("MaxUnpool takes two or three inputs") }
        try c.propagateElementType(from: 0, to: 0)
        guard let x = c.inputShape(0) else { return }
        guard x.rank >= 2 else { throw InferenceFailure("input must have at least 2 dimensions") }
        let n = x.rank - 2
        var pads = Array(repeating: Int64(0), count: 2 * n)
        if let p = c.ints("pads") { guard p.count == 2 * n else { throw InferenceFailure("pads has the wrong length") }; pads = p }
        var strides = Array(repeating: Int64(1), count: n)
        if let s = c.ints("strides") { guard s.count == n else { throw InferenceFailure("strides has the wrong length") }; strides = s }
        guard let kernel = c.ints("kernel_shape") else { throw InferenceFailure("kernel_shape must be specified") }
        guard kernel.count == n else { throw InferenceFailure("kernel_shape has the wrong length") }
        if c.inputCount == 3 {
            if let o = c.inputShape(2) {
                guard o.rank == 1 else { throw InferenceFailure("output_shape must be 1-D") }
                if let v = o.dims[0].fixedValue, Int32(truncatingIfNeeded: v) != Int32(x.rank) {
                    throw InferenceFailure("output_shape must have one element per input dimension")
                }
            }
            return
        }
        guard let indices = c.inputShape(1), indices.rank >= 2 else { throw InferenceFailure("indices must have a shape") }
        var dims = [x.dims[0], indices.dims[1]]
        for i in 0..<n {
            guard let v = x.dims[2 + i].fixedValue else { dims.append(.unknown); continue }
            dims.append(.fixed(strides[i] &* (v &- 1) &+ kernel[i] &- pads[i] &- pads[i + n]))
        }
        c.setShape(dims, output: 0)
    }
}
