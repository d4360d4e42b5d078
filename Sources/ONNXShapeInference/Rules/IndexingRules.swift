import ONNXModel

/// Gathering, scattering and selecting: Gather, GatherElements, GatherND, Scatter*,
/// Compress, NonZero, OneHot, TopK, Unique, ReverseSequence, Trilu, CenterCropPad.
enum IndexingRules {
    static let rules: [String: OperatorRule] = {
        var r: [String: OperatorRule] = [:]
        r["Gather"] = OperatorRule(since: 1, infer: gather, propagate: ShapeDataPropagation.gather)
        r.add(["GatherElements"], since: 11, gatherElements)
        r.add(["GatherND"], since: 11, CommonRules.versioned([(11, gatherND(batchDims: false)), (12, gatherND(batchDims: true))]))
        r.add(["ScatterND", "ScatterElements"], since: 11, sameShapeAsData)
        r.add(["Scatter"], since: 9, sameShapeAsData)
        r.add(["Compress"], since: 9, CommonRules.versioned([(9, CommonRules.nothing), (11, compress)]))
        r.add(["NonZero"], since: 9, nonZero)
        r.add(["OneHot"], since: 9, oneHot)
        r.add(["TopK"], since: 1, CommonRules.versioned([(1, topK1), (10, topK10)]))
        r.add(["Unique"], since: 11, unique)
        r.add(["ReverseSequence"], since: 10, reverseSequence)
        r.add(["Trilu"], since: 14, trilu)
        r.add(["CenterCropPad"], since: 18, centerCropPad)
        return r
    }()

    /// data[..axis) + indices + data(axis..].
    static let gather: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let data = c.inputShape(0), let indices = c.inputShape(1) else { return }
        let r = data.rank, q = indices.rank
        guard r >= 1 else { throw InferenceFailure("Gather data must have rank >= 1") }
        var axis = Int(Int32(truncatingIfNeeded: c.int("axis", default: 0)))
        guard axis >= -r, axis < r else { throw InferenceFailure("Gather axis out of range") }
        if axis < 0 { axis += r }
        var dims: [Dimension] = []
        dims.reserveCapacity(q + r - 1)
        dims.append(contentsOf: data.dims[0..<axis])
        dims.append(contentsOf: indices.dims)
        dims.append(contentsOf: data.dims[(axis + 1)...])
        c.setShape(dims, output: 0)
    }

    static let gatherElements: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        if c.inputShape(1) != nil { try c.propagateShape(from: 1, to: 0) }
    }

    static func gatherND(batchDims: Bool) -> InferenceFunction {
        return { (c: inout NodeContext) throws(InferenceFailure) in
            try c.propagateElementType(from: 0, to: 0)
            guard let data = c.inputShape(0), let indices = c.inputShape(1) else { return }
            let b = batchDims ? c.int("batch_dims", default: 0) : 0
            guard data.rank >= 1, indices.rank >= 1 else { throw InferenceFailure("GatherND inputs need rank >= 1") }
            guard let last = indices.dims[indices.rank - 1].fixedValue else { return }
            let lastIndex = last &+ b
            guard lastIndex <= Int64(data.rank) else { throw InferenceFailure("GatherND index depth exceeds the data rank") }
            var dims = Array(indices.dims[0..<(indices.rank - 1)])
            if lastIndex >= 0 {
                dims.append(contentsOf: data.dims[Int(lastIndex)...])
            } else {
                throw InferenceFailure("GatherND index depth is negative")
            }
            c.setShape(dims, output: 0)
        }
    }

    static let sameShapeAsData: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        if c.inputShape(0) != nil { try c.propagateShape(from: 0, to: 0) }
    }

    /// Along `axis` the length is data-dependent; without `axis` the result is 1-D.
    static let compress: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        let axisValue = c.intIfPresent("axis") ?? (c.attribute("axis") != nil ? 0 : nil)
        if let s = c.inputShape(0) {
            let r = s.rank
            guard r >= 1 else { throw InferenceFailure("Compress input must have rank >= 1") }
            if let a = axisValue {
                var axis = Int(Int32(truncatingIfNeeded: a))
                guard axis >= -r, axis < r else { throw InferenceFailure("Compress axis out of range") }
                if axis < 0 { axis += r }
                var dims = s.dims
                dims[axis] = .unknown
                c.setShape(dims, output: 0)
            }
        }
        if axisValue == nil { c.setShape([Dimension.unknown], output: 0) }
    }

    /// [rank of input, number of non-zeros].
    static let nonZero: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        c.setElementType(.int64, output: 0)
        let first: Dimension = c.inputShape(0).map { .fixed(Int64($0.rank)) } ?? .unknown
        c.setShape([first, .unknown], output: 0)
    }

    /// Indices' shape with a `depth` dim inserted at `axis`.
    static let oneHot: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard c.inputCount == 3 else { throw InferenceFailure("OneHot takes three inputs") }
        var depth: Int64?
        if let ds = c.inputShape(1) {
            if let t = c.inputData(1) {
                switch t.dataType {
                case .int64: depth = try ConstantData.int64s(t).first
                case .int32: depth = try ConstantData.int32s(t).first.map(Int64.init)
                case .float: depth = try ConstantData.floats(t).first.map { SafeInt.int64(Double($0)) ?? 0 }
                default: break
                }
            }
            guard ds.rank == 0 || ds.rank == 1 else { throw InferenceFailure("OneHot depth must be a scalar or 1-D") }
            if ds.rank == 1, let v = ds.dims[0].fixedValue, v != 1 { throw InferenceFailure("OneHot depth must have one element") }
        }
        if let vs = c.inputShape(2) {
            guard vs.rank == 1 else { throw InferenceFailure("OneHot values must be 1-D") }
            if let v = vs.dims[0].fixedValue, v != 2 { throw InferenceFailure("OneHot values must have two elements") }
        }
        try c.propagateElementType(from: 2, to: 0)
        guard let s = c.inputShape(0) else { return }
        let r = s.rank
        guard r >= 1 else { throw InferenceFailure("OneHot indices must have rank >= 1") }
        let outRank = r + 1
        var axis = Int(Int32(truncatingIfNeeded: c.int("axis", default: -1)))
        guard axis >= -outRank, axis < outRank else { throw InferenceFailure("OneHot axis out of range") }
        if axis < 0 { axis += outRank }
        var dims: [Dimension] = []
        for i in 0..<outRank {
            if i < axis { dims.append(stripDenotation(s.dims[i])) } else if i > axis { dims.append(stripDenotation(s.dims[i - 1])) } else { dims.append(depth.map { .fixed($0) } ?? .unknown) }
        }
        c.setShape(dims, output: 0)
    }

    private static func stripDenotation(_ d: Dimension) -> Dimension { Dimension(d.value) }

    /// Opset 1: `k` attribute.
    static let topK1: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        c.setElementType(.int64, output: 1)
        guard let s = c.inputShape(0) else { return }
        let axis = try topKAxis(c, s)
        let k = c.int("k", default: -1)
        guard k > 0 else { throw InferenceFailure("TopK k must be positive") }
        var out = s
        out.dims[axis] = .fixed(k)
        c.setShape(out, output: 0)
        c.setShape(out, output: 1)
    }

    /// Opset 10+: `K` input; without a constant K (or a known axis dim) only the rank.
    static let topK10: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        c.setElementType(.int64, output: 1)
        guard let s = c.inputShape(0) else { return }
        let axis = try topKAxis(c, s)
        if let kt = c.inputData(1), let axisDim = s.dims[axis].fixedValue {
            guard kt.dims == [1] else { throw InferenceFailure("TopK K must be a 1-D tensor of one element") }
            guard kt.dataType == .int64 else { throw InferenceFailure("TopK K must be int64") }
            guard let k = try ConstantData.int64s(kt).first else { throw InferenceFailure("TopK K is empty") }
            guard axisDim >= k else { throw InferenceFailure("TopK axis has fewer than K elements") }
            var out = s
            out.dims[axis] = .fixed(k)
            c.setShape(out, output: 0)
            c.setShape(out, output: 1)
            return
        }
        let unknown = Array(repeating: Dimension.unknown, count: s.rank)
        c.setShape(unknown, output: 0)
        c.setShape(unknown, output: 1)
    }

    private static func topKAxis(_ c: NodeContext, _ s: TensorShape) throws(InferenceFailure) -> Int {
        var axis = c.int("axis", default: -1)
        if axis < 0 { axis += Int64(s.rank) }
        guard axis >= 0, axis < Int64(s.rank) else { throw InferenceFailure("TopK axis out of range") }
        return Int(axis)
    }

    /// Unique values (1-D, or the input with the `axis` dim unknown) and int64 index outputs.
    static let unique: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        if c.outputCount > 1 {
            for o in 1..<min(c.outputCount, 4) {
                c.setElementType(.int64, output: o)
                c.setShape([Dimension.unknown], output: o)
            }
        }
        if let a = c.intIfPresent("axis") ?? (c.attribute("axis") != nil ? 0 : nil) {
            guard let s = c.inputShape(0) else { return }
            var axis = Int(Int32(truncatingIfNeeded: a))
            if axis < 0 { axis += s.rank }
            guard axis >= 0, axis < s.rank else { throw InferenceFailure("Unique axis out of range") }
            var dims = s.dims
            dims[axis] = .unknown
            c.setShape(dims, output: 0)
        } else {
            c.setShape([Dimension.unknown], output: 0)
        }
    }

    static let reverseSequence: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let x = c.inputShape(0), let lens = c.inputShape(1) else { return }
        guard x.rank >= 2 else { throw InferenceFailure("ReverseSequence input must have rank >= 2") }
        guard lens.rank == 1 else { throw InferenceFailure("sequence_lens must be 1-D") }
        try c.propagateShape(from: 0, to: 0)
    }

    static let trilu: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let s = c.inputShape(0) else { return }
        guard s.rank >= 2 else { throw InferenceFailure("Trilu input must have rank >= 2") }
        try c.propagateShape(from: 0, to: 0)
    }

    /// The constant `shape` replaces the dims on `axes` (default: all).
    static let centerCropPad: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard c.inputCount == 2 else { throw InferenceFailure("CenterCropPad takes two inputs") }
        try c.propagateElementType(from: 0, to: 0)
        guard let s = c.inputShape(0), let t = c.inputData(1), t.dataType != .undefined else { return }
        let sizes: [Int64]
        switch t.dataType {
        case .int64: sizes = try ConstantData.int64s(t)
        case .int32: sizes = try ConstantData.int32s(t).map(Int64.init)
        default: throw InferenceFailure("CenterCropPad shape must be int32 or int64")
        }
        var axes: [Int]
        if let a = c.ints("axes") {
            axes = try Axes.normalize(a, rank: s.rank)
            guard Set(axes).count == axes.count else { throw InferenceFailure("CenterCropPad axes repeat") }
        } else {
            axes = Array(0..<s.rank)
        }
        guard sizes.count == axes.count else { throw InferenceFailure("CenterCropPad shape does not match the axes") }
        var dims = s.dims.map { Dimension($0.value) }
        for (j, axis) in axes.enumerated() { dims[axis] = .fixed(sizes[j]) }
        c.setShape(dims, output: 0)
    }
}
