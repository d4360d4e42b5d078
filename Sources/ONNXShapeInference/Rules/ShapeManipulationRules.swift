import ONNXModel

/// Reshape, Flatten, Transpose, Squeeze, Unsqueeze, Concat, Split, Slice, Pad, Expand, Tile,
/// DepthToSpace, SpaceToDepth.
enum ShapeManipulationRules {
    static let rules: [String: OperatorRule] = {
        var r: [String: OperatorRule] = [:]
        // Shape as a constant input from opset 5; from opset 14 also from propagated shape
        // data, or just the rank from the shape input's length.
        r.add(["Reshape"], since: 1, CommonRules.versioned([
            (1, CommonRules.nothing), (5, reshape(shapeFromDataOnly: true)), (14, reshape(shapeFromDataOnly: false)),
        ]))
        r.add(["Flatten"], since: 1, CommonRules.versioned([(1, flatten(negativeAxis: false)), (11, flatten(negativeAxis: true))]))
        r.add(["Transpose"], since: 1, CommonRules.versioned([(1, transpose(emptyPermGivesScalar: false)), (13, transpose(emptyPermGivesScalar: true))]))
        r["Squeeze"] = OperatorRule(since: 1, infer: CommonRules.versioned([(1, squeeze1), (11, squeeze11), (13, squeeze13)]),
                                    propagate: ShapeDataPropagation.fromOpset(13, ShapeDataPropagation.passThrough))
        r["Unsqueeze"] = OperatorRule(since: 1, infer: CommonRules.versioned([(1, unsqueeze1), (11, unsqueeze11), (13, unsqueeze13)]),
                                      propagate: ShapeDataPropagation.fromOpset(13, ShapeDataPropagation.passThrough))
        r["Concat"] = OperatorRule(since: 1, infer: CommonRules.versioned([(1, CommonRules.nothing), (4, concat(legacyAxis: true)), (11, concat(legacyAxis: false))]),
                                   propagate: ShapeDataPropagation.fromOpset(13, ShapeDataPropagation.concat))
        r.add(["Split"], since: 1, CommonRules.versioned([(1, CommonRules.nothing), (2, split), (18, split18)]))
        r["Slice"] = OperatorRule(since: 1, infer: CommonRules.versioned([(1, slice1), (10, slice(clearUnknownParams: false)), (11, slice(clearUnknownParams: true))]),
                                  propagate: ShapeDataPropagation.fromOpset(13, ShapeDataPropagation.slice))
        r.add(["Pad"], since: 1, CommonRules.versioned([(1, CommonRules.nothing), (2, pad2), (11, pad11), (18, pad18)]))
        r.add(["Expand"], since: 8, CommonRules.versioned([(8, expand8), (13, expand13)]))
        r.add(["Tile"], since: 1, CommonRules.versioned([(1, tile1), (6, tile6)]))
        r.add(["DepthToSpace"], since: 1, depthToSpace)
        r.add(["SpaceToDepth"], since: 1, spaceToDepth)
        return r
    }()

    // MARK: Reshape

    /// A 0 copies the input dim (unless `allowzero`), one -1 takes what is left of the
    /// input's element count.
    static func reshape(shapeFromDataOnly: Bool) -> InferenceFunction {
        return { (c: inout NodeContext) throws(InferenceFailure) in
            try c.propagateElementType(from: 0, to: 0)
            let target: [Dimension]
            if shapeFromDataOnly {
                guard let t = c.inputData(1) else { return }
                target = try ConstantData.int64s(t).map { Dimension(.value($0)) }
            } else {
                guard let t = try c.shapeInput(1) else { return }
                target = t
            }
            let allowZero = !shapeFromDataOnly && Int32(truncatingIfNeeded: c.int("allowzero", default: 0)) != 0
            let data = c.inputShape(0)
            var dims: [Dimension] = []
            dims.reserveCapacity(target.count)
            var negativeOne: Int?
            var unresolvedZeros = Array(repeating: false, count: target.count)
            var outputProduct: Int64 = 1
            var outputProductValid = true
            for (i, t) in target.enumerated() {
                switch t.value {
                case .param(let p):
                    dims.append(Dimension(.param(p)))
                    outputProductValid = false
                case .unknown:
                    dims.append(.unknown)
                    outputProductValid = false
                case .value(let v):
                    if v == -1 {
                        guard negativeOne == nil else { throw InferenceFailure("Reshape target has several -1") }
                        negativeOne = i
                        dims.append(.unknown)
                    } else if v == 0 {
                        if allowZero {
                            dims.append(.fixed(0))
                            outputProduct = 0
                        } else {
                            unresolvedZeros[i] = true
                            var d = Dimension.unknown
                            if let s = data {
                                guard i < s.rank else { throw InferenceFailure("Reshape 0 beyond the input rank") }
                                switch s.dims[i].value {
                                case .value(let x):
                                    d = .fixed(x)
                                    outputProduct = outputProduct &* x
                                    unresolvedZeros[i] = false
                                case .param(let p):
                                    d = Dimension(.param(p))
                                case .unknown:
                                    break
                                }
                            }
                            dims.append(d)
                        }
                    } else if v > 0 {
                        dims.append(.fixed(v))
                        outputProduct = outputProduct &* v
                    } else {
                        throw InferenceFailure("Reshape target has a negative dimension")
                    }
                }
            }
            if let n = negativeOne, outputProductValid || shapeFromDataOnly {
                guard outputProduct != 0 else { throw InferenceFailure("Reshape target product 0 with -1") }
                if let s = data {
                    var inputProduct: Int64 = 1
                    var valid = true
                    for i in 0..<s.rank {
                        if let v = s.dims[i].fixedValue {
                            inputProduct = inputProduct &* v
                        } else if i >= unresolvedZeros.count || !unresolvedZeros[i] {
                            valid = false
                            break
                        }
                    }
                    if valid {
                        guard let r = SafeInt.remainder(inputProduct, outputProduct), r == 0,
                              let q = SafeInt.divide(inputProduct, outputProduct) else {
                            throw InferenceFailure("Reshape sizes incompatible")
                        }
                        dims[n] = .fixed(q)
                    }
                }
            }
            c.setShape(dims, output: 0)
        }
    }

    // MARK: Flatten

    static func flatten(negativeAxis: Bool) -> InferenceFunction {
        return { (c: inout NodeContext) throws(InferenceFailure) in
            try c.propagateElementType(from: 0, to: 0)
            guard let s = c.inputShape(0) else { return }
            let rank = s.rank
            var axis = Int(Int32(truncatingIfNeeded: c.int("axis", default: 1)))
            if negativeAxis, axis < 0 { axis += rank }
            guard axis >= 0, axis <= rank else { throw InferenceFailure("Flatten axis out of range") }
            c.setShape([s.product(from: 0, to: axis), s.product(from: axis, to: rank)], output: 0)
        }
    }

    // MARK: Transpose

    /// `perm` defaults to reversing the dims. An explicitly empty `perm` gives a rank-0 shape
    /// from opset 13 (ONNX creates the shape before copying dims) and no shape before.
    static func transpose(emptyPermGivesScalar: Bool) -> InferenceFunction {
        return { (c: inout NodeContext) throws(InferenceFailure) in
            try c.propagateElementType(from: 0, to: 0)
            guard let s = c.inputShape(0) else { return }
            var perm: [Int64]
            if let p = c.ints("perm") {
                perm = p
                var seen = Array(repeating: false, count: s.rank)
                for d in perm {
                    guard d >= 0, d < Int64(s.rank) else { throw InferenceFailure("Transpose perm out of range") }
                    guard !seen[Int(d)] else { throw InferenceFailure("Transpose perm repeats a dimension") }
                    seen[Int(d)] = true
                }
            } else {
                perm = (0..<Int64(s.rank)).reversed()
            }
            if perm.isEmpty && !emptyPermGivesScalar { return }
            c.setShape(perm.map { s.dims[Int($0)] }, output: 0)
        }
    }

    // MARK: Squeeze

    /// The `axes` attribute of Squeeze before opset 13, or, without it, every dimension that
    /// is 1; nil when some dimension is unknown (then nothing can be said).
    private static func squeezeAxesAttribute(_ c: borrowing NodeContext, _ s: TensorShape) -> [Int64]? {
        if let a = c.ints("axes") { return a }
        var axes: [Int64] = []
        for i in 0..<s.rank {
            guard let v = s.dims[i].fixedValue else { return nil }
            if v == 1 { axes.append(Int64(i)) }
        }
        return axes
    }

    /// Opset 1: `axes` attribute, matched in order, negative axes never match.
    static let squeeze1: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let s = c.inputShape(0) else { return }
        // ONNX creates the (empty) output shape before looking for unknown dims.
        c.setShape([Dimension](), output: 0)
        guard let axes = squeezeAxesAttribute(c, s) else { return }
        var dims: [Dimension] = []
        var j = 0
        for i in 0..<s.rank {
            if j < axes.count, axes[j] == Int64(i) {
                if let v = s.dims[i].fixedValue, v != 1 { throw InferenceFailure("squeezed dimension is not 1") }
                j += 1
            } else {
                dims.append(s.dims[i])
            }
        }
        c.setShape(dims, output: 0)
    }

    /// Opset 11: negative axes allowed.
    static let squeeze11: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let s = c.inputShape(0) else { return }
        c.setShape([Dimension](), output: 0)
        guard var axes = squeezeAxesAttribute(c, s) else { return }
        let rank = Int64(s.rank)
        axes = axes.map { $0 < 0 ? $0 + rank : $0 }
        var dims: [Dimension] = []
        for i in 0..<s.rank {
            if axes.contains(Int64(i)) {
                if let v = s.dims[i].fixedValue, v != 1 { throw InferenceFailure("squeezed dimension is not 1") }
            } else {
                dims.append(s.dims[i])
            }
        }
        c.setShape(dims, output: 0)
    }

    /// Opset 13: `axes` is an optional input (used only when it is a known constant).
    static let squeeze13: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let s = c.inputShape(0) else { return }
        var axes: [Int] = []
        var axesGiven = false
        if c.inputCount == 2, c.hasInput(1) {
            guard let t = c.inputData(1) else { return }
            axes = try Axes.normalize(try ConstantData.int64s(t), rank: s.rank)
            axesGiven = true
        }
        if !axesGiven {
            for d in s.dims where d.fixedValue == nil { return }
        }
        var dims: [Dimension] = []
        for i in 0..<s.rank {
            if !axesGiven, s.dims[i].fixedValue == 1 { continue }
            if axesGiven, axes.contains(i) {
                if let v = s.dims[i].fixedValue, v != 1 { throw InferenceFailure("squeezed dimension is not 1") }
            } else {
                dims.append(s.dims[i])
            }
        }
        c.setShape(dims, output: 0)
    }

    // MARK: Unsqueeze

    /// Inserts 1s at the (sorted) output positions `axes`; positions that do not line up
    /// with the output being built are dropped, as in ONNX.
    private static func insertOnes(_ s: TensorShape, at axes: [Int64]) -> [Dimension] {
        var dims: [Dimension] = []
        dims.reserveCapacity(s.rank + axes.count)
        var j = 0
        for i in 0..<s.rank {
            while j < axes.count, axes[j] == Int64(dims.count) { dims.append(.fixed(1)); j += 1 }
            dims.append(s.dims[i])
        }
        while j < axes.count, axes[j] == Int64(dims.count) { dims.append(.fixed(1)); j += 1 }
        return dims
    }

    static let unsqueeze1: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let s = c.inputShape(0), let a = c.ints("axes") else { return }
        c.setShape(insertOnes(s, at: a.sorted()), output: 0)
    }

    static let unsqueeze11: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let s = c.inputShape(0), let a = c.ints("axes") else { return }
        guard Set(a).count == a.count else { throw InferenceFailure("Unsqueeze axes repeat") }
        let outRank = Int64(s.rank + a.count)
        var axes: [Int64] = []
        for x in a {
            guard x >= -outRank, x < outRank else { throw InferenceFailure("Unsqueeze axis out of range") }
            axes.append(x < 0 ? x + outRank : x)
        }
        c.setShape(insertOnes(s, at: axes.sorted()), output: 0)
    }

    static let unsqueeze13: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let s = c.inputShape(0), let t = c.inputData(1) else { return }
        let raw = try ConstantData.int64s(t)
        let normalized = try Axes.normalize(raw, rank: s.rank + raw.count)
        guard Set(normalized).count == normalized.count else { throw InferenceFailure("Unsqueeze axes repeat") }
        c.setShape(insertOnes(s, at: normalized.map(Int64.init).sorted()), output: 0)
    }

    // MARK: Concat

    /// All inputs need a shape; dims off the axis merge, the axis dims add up.
    static func concat(legacyAxis: Bool) -> InferenceFunction {
        return { (c: inout NodeContext) throws(InferenceFailure) in
            try c.propagateElementType(from: 0, to: 0)
            let n = c.inputCount
            guard n >= 1, c.hasInputShapes(n) else { return }
            let first = c.inputShape(0)!
            let rank = first.rank
            guard let axisValue = c.intIfPresent("axis") else { throw InferenceFailure("Concat needs an axis") }
            var axis = Int(Int32(truncatingIfNeeded: axisValue))
            if legacyAxis {
                guard axis < rank else { throw InferenceFailure("Concat axis out of range") }
                if axis < 0 { return }
            } else {
                guard axis >= -rank, axis < rank else { throw InferenceFailure("Concat axis out of range") }
                if axis < 0 { axis += rank }
                if n == 1 { try c.propagateShape(from: 0, to: 0); return }
            }
            var dims = Array(repeating: Dimension.unknown, count: rank)
            var allKnown = true
            var total: Int32 = 0
            for i in 0..<n {
                let s = c.inputShape(i)!
                guard s.rank == rank else { throw InferenceFailure("Concat inputs differ in rank") }
                for j in 0..<rank {
                    if j == axis {
                        if let v = s.dims[j].fixedValue { total = total &+ Int32(truncatingIfNeeded: v) } else { allKnown = false }
                    } else {
                        try TypeMerging.mergeDimension(s.dims[j], into: &dims[j])
                    }
                }
            }
            if allKnown { dims[axis] = .fixed(Int64(total)) }
            c.setShape(dims, output: 0)
        }
    }

    // MARK: Split

    /// Until opset 17: `split` attribute (opset 2-12) or input (13-17), else equal parts.
    static let split: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try splitCommon(&c) { (c: NodeContext, _: Int32) throws(InferenceFailure) -> [Int64]?? in
            if c.opset >= 13 {
                guard c.inputCount == 2, c.hasInput(1) else { return .some(nil) }
                guard let t = c.inputData(1) else { return nil }
                return .some(try ConstantData.int64s(t))
            }
            return .some(c.ints("split"))
        }
    }

    /// Opset 18: `split` input or `num_outputs` attribute (the last part may be smaller).
    static let split18: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try splitCommon(&c) { (c: NodeContext, total: Int32) throws(InferenceFailure) -> [Int64]?? in
            let numOutputs = c.attribute("num_outputs")
            if c.hasInput(1), numOutputs != nil { throw InferenceFailure("Split has both split and num_outputs") }
            if c.hasInput(1) {
                guard let t = c.inputData(1) else { return nil }
                return .some(try ConstantData.int64s(t))
            }
            guard let nAttr = numOutputs else { throw InferenceFailure("Split needs split or num_outputs") }
            let n = nAttr.i ?? 0
            guard n >= 1 else { throw InferenceFailure("num_outputs must be at least 1") }
            let size = Int64(total)
            guard n <= 1 << 16 else { throw InferenceFailure("num_outputs is too large") }
            if size % n == 0 { return .some(Array(repeating: size / n, count: Int(n))) }
            let chunk = size / n + 1
            var parts = Array(repeating: chunk, count: Int(n - 1))
            parts.append(size &- chunk &* (n - 1))
            return .some(parts)
        }
    }

    /// `sizes` returns nil to stop (sizes are a runtime value), `.some(nil)` for equal parts,
    /// `.some(list)` for explicit sizes.
    private static func splitCommon(_ c: inout NodeContext,
                                    sizes: (NodeContext, Int32) throws(InferenceFailure) -> [Int64]??) throws(InferenceFailure) {
        for o in 0..<c.outputCount { try c.propagateElementType(from: 0, to: o) }
        guard let s = c.inputShape(0) else { return }
        let rank = s.rank
        var axis = Int(Int32(truncatingIfNeeded: c.int("axis", default: 0)))
        guard axis >= -rank, axis < rank else { throw InferenceFailure("Split axis out of range") }
        if axis < 0 { axis += rank }
        // Written without Optional.map: the 6.3 optimiser crashes (ownership verifier) on
        // the map-in-guard form here in release builds.
        let axisLength: Int64? = s.dims[axis].fixedValue
        guard let totalLength = axisLength else {
            var out = s
            out.dims[axis] = .unknown
            for o in 0..<c.outputCount { c.setShape(out, output: o) }
            return
        }
        let total = Int32(truncatingIfNeeded: totalLength)
        guard let explicit = try sizes(c, total) else { return }
        var parts: [Int64]
        if let e = explicit {
            if c.opset < 18 || c.hasInput(1) {
                guard e.count == c.outputCount else { throw InferenceFailure("Split sizes do not match the outputs") }
                var sum: Int64 = 0
                for d in e { sum = sum &+ d }
                guard sum == Int64(total) else { throw InferenceFailure("Split sizes do not add up") }
            }
            parts = e
        } else {
            let n = Int32(c.outputCount)
            guard n > 0, total % n == 0 else { throw InferenceFailure("input is not evenly splittable") }
            parts = Array(repeating: Int64(total / n), count: c.outputCount)
        }
        guard parts.count >= c.outputCount else { throw InferenceFailure("Split has fewer parts than outputs") }
        for o in 0..<c.outputCount {
            var out = s
            out.dims[axis] = .fixed(parts[o])
            c.setShape(out, output: o)
        }
    }

    // MARK: Slice

    /// Opset 1: `starts`/`ends`/`axes` attributes.
    static let slice1: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let s = c.inputShape(0) else { return }
        guard var starts = c.ints("starts"), var ends = c.ints("ends"), starts.count == ends.count else {
            throw InferenceFailure("Slice needs starts and ends of equal length")
        }
        var axes: [Int64]
        if let a = c.ints("axes") {
            guard a.count == starts.count else { throw InferenceFailure("Slice axes has the wrong length") }
            guard a == a.sorted() else { return }
            axes = a
        } else {
            axes = (0..<Int64(starts.count)).map { $0 }
        }
        if axes.contains(where: { $0 < 0 }) {
            c.setShape(Array(repeating: Dimension.unknown, count: s.rank), output: 0)
            return
        }
        var dims: [Dimension] = []
        var j = 0
        for i in 0..<s.rank {
            if j < axes.count, axes[j] == Int64(i) {
                var d = Dimension.unknown
                if let v = s.dims[i].fixedValue {
                    if starts[j] < 0 { starts[j] &+= v }
                    if ends[j] < 0 { ends[j] &+= v }
                    if starts[j] >= 0, ends[j] >= 0 {
                        let n = min(v, ends[j]) &- starts[j]
                        if n >= 0 { d = .fixed(n) }
                    }
                }
                dims.append(d)
                j += 1
            } else {
                dims.append(s.dims[i])
            }
        }
        c.setShape(dims, output: 0)
    }

    /// Opset 10+: `starts`, `ends`, optional `axes` and `steps` inputs. Without constant
    /// values only the rank is known.
    static func slice(clearUnknownParams: Bool) -> InferenceFunction {
        return { (c: inout NodeContext) throws(InferenceFailure) in
            let n = c.inputCount
            guard n >= 3, n <= 5 else { throw InferenceFailure("Slice takes three to five inputs") }
            try c.propagateElementType(from: 0, to: 0)
            guard let s = c.inputShape(0) else { return }
            let startsData = c.inputData(1), endsData = c.inputData(2)
            let axesData = c.inputShape(3) != nil ? c.inputData(3) : nil
            let stepsData = c.inputShape(4) != nil ? c.inputData(4) : nil
            if startsData == nil || endsData == nil || (c.inputShape(3) != nil && axesData == nil)
                || (c.inputShape(4) != nil && stepsData == nil) {
                c.setShape(Array(repeating: Dimension.unknown, count: s.rank), output: 0)
                return
            }
            guard startsData!.dataType != .undefined else { return }
            func values(_ t: Tensor) throws(InferenceFailure) -> [Int64] {
                switch t.dataType {
                case .int64: return try ConstantData.int64s(t)
                case .int32: return try ConstantData.int32s(t).map(Int64.init)
                default: throw InferenceFailure("Slice inputs must be int32 or int64")
                }
            }
            let starts = try values(startsData!)
            let ends = try values(endsData!)
            guard starts.count == ends.count else { throw InferenceFailure("Slice starts and ends differ in length") }
            let rank = s.rank
            var axes: [Int64]
            if let a = axesData {
                axes = try values(a)
                guard axes.count == starts.count else { throw InferenceFailure("Slice axes has the wrong length") }
            } else {
                axes = (0..<Int64(starts.count)).map { $0 }
            }
            let normalized = try Axes.normalize(axes, rank: rank)
            guard Set(normalized).count == normalized.count else { throw InferenceFailure("Slice axes repeat") }
            var steps: [Int64]
            if let st = stepsData {
                steps = try values(st)
                guard steps.count == axes.count else { throw InferenceFailure("Slice steps has the wrong length") }
            } else {
                steps = Array(repeating: 1, count: starts.count)
            }
            var dims = s.dims.map { d -> Dimension in
                switch d.value {
                case .value(let v): return .fixed(v)
                case .param(let p): return Dimension(.param(p))
                case .unknown: return .unknown
                }
            }
            for (k, axis) in normalized.enumerated() {
                guard let size = s.dims[axis].fixedValue else {
                    if clearUnknownParams { dims[axis] = .unknown }
                    continue
                }
                var start = starts[k], end = ends[k]
                let step = steps[k]
                guard step != 0 else { throw InferenceFailure("Slice step is zero") }
                if start < 0 { start = start &+ size }
                start = step < 0 ? clamp(start, 0, size - 1) : clamp(start, 0, size)
                if end < 0 { end = end &+ size }
                end = step < 0 ? clamp(end, -1, size - 1) : clamp(end, 0, size)
                let count = (Double(end &- start) / Double(step)).rounded(.up)
                dims[axis] = .fixed(count < 0 ? 0 : (SafeInt.int64(count) ?? 0))
            }
            c.setShape(dims, output: 0)
        }
    }

    static func clamp(_ v: Int64, _ lo: Int64, _ hi: Int64) -> Int64 { v < lo ? lo : (v > hi ? hi : v) }

    // MARK: Pad

    /// Opset 2: `pads` attribute.
    static let pad2: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let s = c.inputShape(0) else { return }
        guard let pads = c.ints("pads") else { throw InferenceFailure("Pad needs pads") }
        guard pads.count == 2 * s.rank else { throw InferenceFailure("pads has the wrong length") }
        c.setShape(padded(s, pads: pads, axes: Array(0..<s.rank), keepUnpaddedParams: true), output: 0)
    }

    /// Opset 11-17: `pads` input (a constant int64 1-D tensor), else rank only.
    static let pad11: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let s = c.inputShape(0) else { return }
        guard let t = c.inputData(1) else {
            c.setShape(Array(repeating: Dimension.unknown, count: s.rank), output: 0)
            return
        }
        guard t.dims.count == 1, t.dataType == .int64 else { throw InferenceFailure("pads must be a 1-D int64 tensor") }
        let pads = try ConstantData.int64s(t)
        guard pads.count == 2 * s.rank else { throw InferenceFailure("pads has the wrong length") }
        c.setShape(padded(s, pads: pads, axes: Array(0..<s.rank), keepUnpaddedParams: true), output: 0)
    }

    /// Opset 18+: optional `axes` input; dims on other axes keep only known values.
    static let pad18: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let s = c.inputShape(0) else { return }
        var axes: [Int]
        if c.inputShape(3) != nil {
            guard let t = c.inputData(3) else { return }
            axes = try Axes.normalize(try ConstantData.int64s(t), rank: s.rank)
            guard Set(axes).count == axes.count else { throw InferenceFailure("Pad axes repeat") }
        } else {
            axes = Array(0..<s.rank)
        }
        guard let t = c.inputData(1), !axes.isEmpty else {
            c.setShape(Array(repeating: Dimension.unknown, count: s.rank), output: 0)
            return
        }
        guard t.dims.count == 1, t.dataType == .int64 else { throw InferenceFailure("pads must be a 1-D int64 tensor") }
        let pads = try ConstantData.int64s(t)
        guard pads.count == 2 * axes.count else { throw InferenceFailure("pads has the wrong length") }
        c.setShape(padded(s, pads: pads, axes: axes, keepUnpaddedParams: false), output: 0)
    }

    private static func padded(_ s: TensorShape, pads: [Int64], axes: [Int], keepUnpaddedParams: Bool) -> [Dimension] {
        var dims: [Dimension] = s.dims.map { d in
            if let v = d.fixedValue { return .fixed(v) }
            return keepUnpaddedParams ? d : .unknown
        }
        let n = axes.count
        if keepUnpaddedParams {
            // Opset 2-17 pad every axis: an unknown dim survives only an all-zero pad.
            for i in 0..<n { dims[axes[i]] = .unknown }
        }
        for i in 0..<n {
            let axis = axes[i]
            let total = pads[i] &+ pads[n + i]
            if let v = s.dims[axis].fixedValue {
                dims[axis] = .fixed(v &+ total)
            } else if total == 0 {
                dims[axis] = s.dims[axis]
            }
        }
        return dims
    }

    // MARK: Expand / Tile

    /// Opset 8: shape from a constant, else the rank from the shape input's length.
    static let expand8: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let x = c.inputShape(0), let shapeShape = c.inputShape(1) else { return }
        guard shapeShape.rank == 1 else { throw InferenceFailure("Expand shape must be 1-D") }
        var target: [Dimension]
        if let t = c.inputData(1) {
            target = try ConstantData.int64s(t).map { .fixed($0) }
        } else if let n = shapeShape.dims[0].fixedValue {
            guard n <= 1 << 20 else { throw InferenceFailure("shape input length out of range") }
            target = Array(repeating: .unknown, count: Int(max(n, 0)))  // ONNX: negative length, rank 0
        } else {
            return
        }
        c.setShape(try Broadcasting.shape(x, TensorShape(target)), output: 0)
    }

    /// Opset 13: also from propagated shape data.
    static let expand13: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let x = c.inputShape(0), c.inputShape(1) != nil else { return }
        guard let target = try c.shapeInput(1) else { return }
        c.setShape(try Broadcasting.shape(x, TensorShape(target)), output: 0)
    }

    static let tile1: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
    }

    /// Known dims times the constant `repeats`; otherwise the rank only.
    static let tile6: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let s = c.inputShape(0) else { return }
        if let t = c.inputData(1), let repeatsShape = c.inputShape(1) {
            guard repeatsShape.rank == 1, t.dataType == .int64 else { throw InferenceFailure("repeats must be a 1-D int64 tensor") }
            let repeats = try ConstantData.int64s(t)
            guard repeats.count == s.rank else { throw InferenceFailure("repeats has the wrong length") }
            c.setShape((0..<s.rank).map { i in s.dims[i].fixedValue.map { .fixed($0 &* repeats[i]) } ?? .unknown }, output: 0)
        } else {
            c.setShape(Array(repeating: Dimension.unknown, count: s.rank), output: 0)
        }
    }

    // MARK: DepthToSpace / SpaceToDepth

    static let depthToSpace: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        let b = c.int("blocksize", default: 0)
        guard b > 0 else { throw InferenceFailure("blocksize must be positive") }
        guard let s = c.inputShape(0) else { return }
        guard s.rank == 4 else { throw InferenceFailure("input must be 4-D") }
        c.setShape([s.dims[0], s.dims[1] / (b &* b), s.dims[2] * b, s.dims[3] * b], output: 0)
    }

    static let spaceToDepth: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        let b = c.int("blocksize", default: 0)
        guard b > 0 else { throw InferenceFailure("blocksize must be positive") }
        guard let s = c.inputShape(0) else { return }
        guard s.rank == 4 else { throw InferenceFailure("input must be 4-D") }
        c.setShape([s.dims[0], s.dims[1] * (b &* b), s.dims[2] / b, s.dims[3] / b], output: 0)
    }
}
