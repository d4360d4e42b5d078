import ONNXModel

/// Reduce* (axes as attribute before opset 13/18, as an optional input after) and
/// ArgMax/ArgMin.
enum ReductionRules {
    static let rules: [String: OperatorRule] = {
        var r: [String: OperatorRule] = [:]
        let ops = ["ReduceMax", "ReduceMin", "ReduceSum", "ReduceSumSquare", "ReduceMean", "ReduceProd",
                   "ReduceLogSum", "ReduceLogSumExp", "ReduceL1", "ReduceL2"]
        // Opset 1-10: axes attribute, negative axes wrap without a range check; 11-12: range
        // checked; 13+: the same rule reads an `axes` input when the node has one (ReduceSum
        // from 13, the others from 18) and honours `noop_with_empty_axes`.
        r.add(ops, since: 1, CommonRules.versioned([(1, reduce(checkRange: false, axesInput: false)),
                                                   (11, reduce(checkRange: true, axesInput: false)),
                                                   (13, reduce(checkRange: true, axesInput: true))]))
        r.add(["ArgMax", "ArgMin"], since: 1, CommonRules.versioned([(1, argReduce(checkRange: false)), (11, argReduce(checkRange: true))]))
        return r
    }()

    static func reduce(checkRange: Bool, axesInput: Bool) -> InferenceFunction {
        return { (c: inout NodeContext) throws(InferenceFailure) in
            try c.propagateElementType(from: 0, to: 0)
            guard let s = c.inputShape(0) else { return }
            let keepDims = c.int("keepdims", default: 1)
            var axes: [Int64] = []
            if axesInput, c.hasInput(1) {
                guard c.attribute("axes") == nil else { throw InferenceFailure("axes given both as input and attribute") }
                guard let t = c.inputData(1) else { return }
                axes = try ConstantData.int64s(t)
            } else if let a = c.ints("axes") {
                axes = a
            }
            if axesInput, c.int("noop_with_empty_axes", default: 0) != 0, axes.isEmpty {
                try c.propagateShape(from: 0, to: 0)
                return
            }
            let rank = Int64(s.rank)
            for i in axes.indices {
                if checkRange, axes[i] < -rank || axes[i] >= rank { throw InferenceFailure("reduction axis out of range") }
                if axes[i] < 0 { axes[i] += rank }
            }
            var dims: [Dimension] = []
            for i in 0..<s.rank {
                if !axes.isEmpty, !axes.contains(Int64(i)) {
                    dims.append(s.dims[i])
                } else if keepDims == 1 {
                    dims.append(.fixed(1))
                }
            }
            c.setShape(dims, output: 0)
        }
    }

    /// int64 indices; the `axis` dim (default 0) becomes 1 or disappears (`keepdims`).
    static func argReduce(checkRange: Bool) -> InferenceFunction {
        return { (c: inout NodeContext) throws(InferenceFailure) in
            c.setElementType(.int64, output: 0)
            guard let s = c.inputShape(0) else { return }
            let rank = Int64(s.rank)
            var axis: Int64 = 0
            if let a = c.intIfPresent("axis") {
                if checkRange, a < -rank || a >= rank { throw InferenceFailure("axis out of range") }
                axis = a < 0 ? a + rank : a
            }
            let keepDims = c.int("keepdims", default: 1)
            var dims: [Dimension] = []
            for i in 0..<s.rank {
                if Int64(i) != axis { dims.append(s.dims[i]) } else if keepDims == 1 { dims.append(.fixed(1)) }
            }
            c.setShape(dims, output: 0)
        }
    }
}
