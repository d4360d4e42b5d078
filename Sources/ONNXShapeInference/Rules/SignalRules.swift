import ONNXModel

/// DFT, STFT, the window generators and MelWeightMatrix.
enum SignalRules {
    static let rules: [String: OperatorRule] = {
        var r: [String: OperatorRule] = [:]
        r.add(["DFT"], since: 17, CommonRules.versioned([(17, dft17), (20, dft20)]))
        r.add(["STFT"], since: 17, stft)
        r.add(["HannWindow", "HammingWindow", "BlackmanWindow"], since: 17, window)
        r.add(["MelWeightMatrix"], since: 17, melWeightMatrix)
        return r
    }()

    private static func outputType(_ c: NodeContext) -> DataType {
        DataType(rawValue: Int32(truncatingIfNeeded: c.int("output_datatype", default: Int64(DataType.float.rawValue))))
    }

    private static func scalar(_ t: Tensor) throws(InferenceFailure) -> Int64 {
        guard let v = try ConstantData.scalarInteger(t) else { throw InferenceFailure("scalar input is empty") }
        return v
    }

    /// Opset 17: `axis` attribute (default 1), optional `dft_length` input.
    static let dft17: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        let onesided = c.int("onesided", default: 0) != 0, inverse = c.int("inverse", default: 0) != 0
        if onesided && inverse { throw InferenceFailure("onesided and inverse cannot both be set") }
        try c.propagateElementType(from: 0, to: 0)
        guard var s = c.inputShape(0) else { return }
        let rank = Int64(s.rank)
        let axis = Int64(Int32(truncatingIfNeeded: c.int("axis", default: 1)))
        guard rank >= 2 else { throw InferenceFailure("DFT input must have rank >= 2") }
        guard -rank <= axis, axis != -1, axis < rank - 1 else { throw InferenceFailure("DFT axis out of range") }
        let a = Int(axis >= 0 ? axis : axis + rank)
        if c.hasInput(1) {
            guard let t = c.inputData(1) else { return }
            guard t.dims.isEmpty else { throw InferenceFailure("dft_length must be a scalar") }
            s.dims[a] = .fixed(try scalar(t))
        }
        if onesided { s.dims[a] = s.dims[a].fixedValue.map { .fixed(($0 >> 1) + 1) } ?? .unknown }
        s.dims[s.rank - 1] = .fixed(2)
        c.setShape(s, output: 0)
    }

    /// Opset 20: `axis` is an input (default -2).
    static let dft20: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        let onesided = c.int("onesided", default: 0) != 0, inverse = c.int("inverse", default: 0) != 0
        if onesided && inverse { throw InferenceFailure("onesided and inverse cannot both be set") }
        try c.propagateElementType(from: 0, to: 0)
        guard var s = c.inputShape(0) else { return }
        let rank = Int64(s.rank)
        guard rank >= 2 else { throw InferenceFailure("DFT input must have rank >= 2") }
        if c.hasInput(2), c.inputData(2) == nil {
            if onesided || c.hasInput(1) {
                var dims = Array(repeating: Dimension.unknown, count: s.rank)
                dims[s.rank - 1] = .fixed(2)
                c.setShape(dims, output: 0)
            } else {
                s.dims[s.rank - 1] = .fixed(2)
                c.setShape(s, output: 0)
            }
            return
        }
        var axis: Int64 = -2
        if c.hasInput(2), let t = c.inputData(2) {
            guard t.dims.isEmpty else { throw InferenceFailure("axis must be a scalar") }
            axis = try scalar(t)
        }
        guard -rank <= axis, axis != -1, axis < rank - 1 else { throw InferenceFailure("DFT axis out of range") }
        let a = Int(axis >= 0 ? axis : axis + rank)
        if c.hasInput(1) {
            if let t = c.inputData(1) {
                guard t.dims.isEmpty else { throw InferenceFailure("dft_length must be a scalar") }
                s.dims[a] = .fixed(try scalar(t))
            } else if case .value = s.dims[a].value {
                s.dims[a] = .unknown
            }
        }
        if onesided { s.dims[a] = s.dims[a].fixedValue.map { .fixed(($0 >> 1) + 1) } ?? .unknown }
        s.dims[s.rank - 1] = .fixed(2)
        c.setShape(s, output: 0)
    }

    /// [batch, frames, bins, 2].
    static let stft: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let s = c.inputShape(0) else { return }
        guard s.rank >= 2 else { throw InferenceFailure("STFT input must have rank >= 2") }
        guard let signal = s.dims[1].fixedValue else { return }
        guard let stepTensor = c.inputData(1) else { return }
        let step = try scalar(stepTensor)
        var frameLength: Tensor?
        if c.hasInput(3) {
            guard let t = c.inputData(3) else { return }
            frameLength = t
        }
        let window: TensorShape? = c.inputCount >= 3 ? c.inputShape(2) : nil
        var dft: Int64
        switch (window, frameLength) {
        case (nil, nil): return
        case let (w?, f?):
            guard f.dims.isEmpty else { throw InferenceFailure("frame_length must be a scalar") }
            let length = try scalar(f)
            guard w.rank == 1 else { throw InferenceFailure("window must be 1-D") }
            if let v = w.dims[0].fixedValue, v != length { throw InferenceFailure("window and frame_length differ") }
            dft = length
        case let (w?, nil):
            guard w.rank == 1 else { throw InferenceFailure("window must be 1-D") }
            guard let v = w.dims[0].fixedValue else { return }
            dft = v
        case let (nil, f?):
            guard f.dims.isEmpty else { throw InferenceFailure("frame_length must be a scalar") }
            dft = try scalar(f)
        }
        let bins = c.int("onesided", default: 0) != 0 ? (dft >> 1) &+ 1 : dft
        guard step != 0 else { throw InferenceFailure("frame_step is zero") }
        let frames = Float(signal &- dft) / Float(step)
        let n = (SafeInt.int64(Double(frames)) ?? 0) &+ 1
        let batch: Dimension = s.dims[0].fixedValue.map { .fixed($0) } ?? .unknown
        c.setShape([batch, .fixed(n), .fixed(bins), .fixed(2)], output: 0)
    }

    static let window: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        c.setElementType(outputType(c), output: 0)
        guard c.inputShape(0) != nil, let t = c.inputData(0) else { return }
        guard t.dims.isEmpty else { throw InferenceFailure("size must be a scalar") }
        let size = try scalar(t)
        guard size > 0 else { throw InferenceFailure("size must be positive") }
        c.setShape([.fixed(size)], output: 0)
    }

    static let melWeightMatrix: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        c.setElementType(outputType(c), output: 0)
        guard c.inputShape(0) != nil, c.inputShape(1) != nil, let bins = c.inputData(0), let length = c.inputData(1) else { return }
        guard bins.dims.isEmpty else { throw InferenceFailure("num_mel_bins must be a scalar") }
        let b = try scalar(bins)
        guard length.dims.isEmpty else { throw InferenceFailure("dft_length must be a scalar") }
        let l = try scalar(length)
        if b > 0, l > 0 { c.setShape([.fixed((l >> 1) + 1), .fixed(b)], output: 0) }
    }
}
