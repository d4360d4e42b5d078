import ONNXModel

/// Resize and Upsample: scales (float, floor(dim * scale) in float32) or sizes.
enum ResizeRules {
    static let rules: [String: OperatorRule] = {
        var r: [String: OperatorRule] = [:]
        // Opset 10: (X, scales). Opset 11: (X, roi, scales, sizes). Opset 13: exactly one of
        // scales/sizes. Opset 18: `axes` and `keep_aspect_ratio_policy`.
        r.add(["Resize"], since: 10, CommonRules.versioned([(10, scalesInput), (11, resize(exactlyOne: false)), (13, resize(exactlyOne: true))]))
        // Opset 7: `scales` attribute; opset 9 (deprecated at 10): `scales` input.
        r.add(["Upsample"], since: 1, CommonRules.versioned([(1, CommonRules.nothing), (7, upsample7), (9, scalesInput)]))
        return r
    }()

    /// floor(float(dim) * scale) for dims with a value.
    private static func scaled(_ s: TensorShape, _ scales: [Float]) -> [Dimension] {
        (0..<s.rank).map { i in
            guard let v = s.dims[i].fixedValue else { return .unknown }
            let x = (Float(v) * scales[i]).rounded(.down)
            return SafeInt.int64(Double(x)).map { .fixed($0) } ?? .unknown
        }
    }

    static let upsample7: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard let s = c.inputShape(0) else { return }
        try c.propagateElementType(from: 0, to: 0)
        c.setShape(Array(repeating: Dimension.unknown, count: s.rank), output: 0)
        guard let a = c.attribute("scales") else { throw InferenceFailure("Upsample needs scales") }
        guard a.type == .floats else { throw InferenceFailure("Upsample scales must be floats") }
        guard a.floats.count == s.rank else { throw InferenceFailure("Upsample scales has the wrong length") }
        c.setShape(scaled(s, a.floats), output: 0)
    }

    /// Upsample 9-10 and Resize 10: constant float `scales` input.
    static let scalesInput: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let s = c.inputShape(0) else { return }
        c.setShape(Array(repeating: Dimension.unknown, count: s.rank), output: 0)
        guard let t = c.inputData(1) else { return }
        guard t.dataType == .float else { throw InferenceFailure("scales must be float") }
        let scales = try ConstantData.floats(t)
        guard scales.count == s.rank else { throw InferenceFailure("scales has the wrong length") }
        c.setShape(scaled(s, scales), output: 0)
    }

    static func resize(exactlyOne: Bool) -> InferenceFunction {
        return { (c: inout NodeContext) throws(InferenceFailure) in
            try c.propagateElementType(from: 0, to: 0)
            guard let s = c.inputShape(0) else { return }
            var hasScales = c.hasInput(2)
            var hasSizes = c.hasInput(3)
            var scalesData = c.inputCount > 2 ? c.inputData(2) : nil
            var sizes: [Int64] = []
            if c.inputCount > 3, let found = try c.shapeInput(3) {
                if found.isEmpty { hasSizes = false } else { sizes = found.map { $0.fixedValue ?? 0 } }
            }
            if let t = scalesData, try ConstantData.floats(t).isEmpty {
                hasScales = false
                scalesData = nil
            }
            if exactlyOne, (hasScales ? 1 : 0) + (hasSizes ? 1 : 0) != 1 {
                throw InferenceFailure("Resize needs exactly one of scales and sizes")
            }
            enum Policy { case stretch, notLarger, notSmaller }
            var policy = Policy.stretch
            if let p = c.attribute("keep_aspect_ratio_policy")?.stringValue {
                switch p {
                case "stretch": policy = .stretch
                case "not_larger": policy = .notLarger
                case "not_smaller": policy = .notSmaller
                default: throw InferenceFailure("unknown keep_aspect_ratio_policy")
                }
            }
            if hasScales, policy != .stretch { throw InferenceFailure("scales cannot be combined with keep_aspect_ratio_policy") }
            let rank = s.rank
            c.setShape(Array(repeating: Dimension.unknown, count: rank), output: 0)
            var axes: [Int] = []
            if let a = c.ints("axes") {
                axes = try Axes.normalize(a, rank: rank)
                guard Set(axes).count == axes.count else { throw InferenceFailure("Resize axes repeat") }
            }
            if hasSizes {
                guard sizes.count == (axes.isEmpty ? rank : axes.count) else { throw InferenceFailure("sizes has the wrong length") }
                if policy != .stretch {
                    var scale: Float = policy == .notLarger ? .greatestFiniteMagnitude : .leastNormalMagnitude
                    var unknown = false
                    for i in sizes.indices {
                        let d = axes.isEmpty ? i : axes[i]
                        guard let v = s.dims[d].fixedValue else { unknown = true; break }
                        let ratio = Float(sizes[i]) / Float(v)
                        scale = policy == .notLarger ? min(scale, ratio) : max(scale, ratio)
                    }
                    for i in sizes.indices {
                        let d = axes.isEmpty ? i : axes[i]
                        if unknown { sizes[i] = -1; continue }
                        let x = (scale * Float(s.dims[d].fixedValue!)).rounded(.toNearestOrAwayFromZero)
                        sizes[i] = SafeInt.int64(Double(x)) ?? -1
                    }
                }
                if !axes.isEmpty {
                    var all = s.dims.map { $0.fixedValue ?? -1 }
                    for (i, d) in axes.enumerated() { all[d] = sizes[i] }
                    sizes = all
                }
                c.setShape((0..<rank).map { i in sizes[i] > 0 ? .fixed(sizes[i]) : .unknown }, output: 0)
            } else if let t = scalesData {
                guard t.dataType == .float else { throw InferenceFailure("scales must be float") }
                var scales = try ConstantData.floats(t)
                if !axes.isEmpty {
                    guard scales.count == axes.count else { throw InferenceFailure("scales does not match axes") }
                    var all = Array(repeating: Float(1), count: rank)
                    for (i, d) in axes.enumerated() { all[d] = scales[i] }
                    scales = all
                } else {
                    guard scales.count == rank else { throw InferenceFailure("scales has the wrong length") }
                }
                c.setShape(scaled(s, scales), output: 0)
            }
        }
    }
}
