import ONNXModel

/// Conv, ConvTranspose and their quantized/deformable relatives.
enum ConvolutionRules {
    static let rules: [String: OperatorRule] = {
        var r: [String: OperatorRule] = [:]
        r.add(["Conv"], since: 1, CommonRules.versioned([(1, conv(.legacy)), (22, conv(.pytorch))]))
        r.add(["DeformConv"], since: 19, CommonRules.versioned([(19, conv(.legacy)), (22, conv(.pytorch))]))
        r.add(["ConvTranspose"], since: 1, CommonRules.versioned([(1, convTranspose(rejectPadsWithAutoPad: false)), (11, convTranspose(rejectPadsWithAutoPad: true))]))
        r.add(["ConvInteger"], since: 10, convInteger)
        r.add(["QLinearConv"], since: 10, qLinearConv)
        return r
    }()

    static func conv(_ rounding: ConvPoolGeometry.CeilRounding) -> InferenceFunction {
        return { (c: inout NodeContext) throws(InferenceFailure) in
            try c.propagateElementType(from: 0, to: 0)
            try ConvPoolGeometry.infer(&c, useDilation: true, requireKernelShape: false, input: 0, weight: 1, rounding: rounding)
        }
    }

    /// Integer convolution: always an int32 result.
    static let convInteger: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard c.inputType(0) != nil, c.inputType(1) != nil else { throw InferenceFailure("inputs must be tensors") }
        c.setElementType(.int32, output: 0)
        try ConvPoolGeometry.infer(&c, useDilation: true, requireKernelShape: false, input: 0, weight: 1, rounding: .pytorch)
    }

    /// Quantized convolution: x (0), its zero point (2), w (3), its zero point (5), y zero point (7).
    static let qLinearConv: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard let x = c.inputType(0), let w = c.inputType(3) else { throw InferenceFailure("inputs must be tensors") }
        guard let xz = c.inputType(2), xz.elementType == x.elementType else { throw InferenceFailure("x zero point type mismatch") }
        guard let wz = c.inputType(5), wz.elementType == w.elementType else { throw InferenceFailure("w zero point type mismatch") }
        try c.propagateElementType(from: 7, to: 0)
        try ConvPoolGeometry.infer(&c, useDilation: true, requireKernelShape: false, input: 0, weight: 3, rounding: .pytorch)
    }

    /// ConvTranspose: output size `stride*(in-1) + output_padding + effective kernel - pads`,
    /// or the `output_shape` attribute; channels = W's second dim times `group`.
    static func convTranspose(rejectPadsWithAutoPad: Bool) -> InferenceFunction {
        return { (c: inout NodeContext) throws(InferenceFailure) in
            try c.propagateElementType(from: 0, to: 0)
            guard let x = c.inputShape(0), let w = c.inputShape(1) else { return }
            let group = c.int("group", default: 1)
            guard x.rank >= 2 else { return }
            let n = x.rank - 2
            var dilations = Array(repeating: Int64(1), count: n)
            if let d = c.ints("dilations") { guard d.count == n else { return }; dilations = d }
            var strides = Array(repeating: Int64(1), count: n)
            if let s = c.ints("strides") { guard s.count == n else { return }; strides = s }
            var kernel: [Int64] = []
            if let k = c.ints("kernel_shape") {
                guard k.count == n else { return }
                kernel = k
            } else if w.rank > 2 {
                for i in 2..<w.rank {
                    guard let v = w.dims[i].fixedValue else { return }
                    kernel.append(v)
                }
            }
            var effectiveKernel = kernel
            for i in 0..<kernel.count {
                guard i < n else { throw InferenceFailure("kernel has more dims than the input") }
                effectiveKernel[i] = (kernel[i] &- 1) &* dilations[i] &+ 1
            }
            var pads = Array(repeating: Int64(0), count: 2 * n)
            if let p = c.ints("pads") {
                guard p.count == 2 * n else { throw InferenceFailure("pads has the wrong length") }
                if rejectPadsWithAutoPad, let a = c.attribute("auto_pad"), (a.stringValue ?? "") != "NOTSET" {
                    throw InferenceFailure("pads cannot be used together with auto_pad")
                }
                pads = p
            } else if let a = c.attribute("auto_pad"), (a.stringValue ?? "") != "VALID" {
                let autoPad = a.stringValue ?? ""
                for i in 0..<n {
                    guard i < effectiveKernel.count else { throw InferenceFailure("kernel shape has too few values") }
                    var total = effectiveKernel[i] &- strides[i]
                    if total < 0 { total = 0 }
                    let small = total >> 1
                    let big = total &- small
                    if autoPad == "SAME_UPPER" {
                        pads[i] = small; pads[i + n] = big
                    } else if autoPad == "SAME_LOWER" {
                        pads[i] = big; pads[i + n] = small
                    }
                }
            }
            let outputShape = c.ints("output_shape")
            if let o = outputShape, o.count != n { return }
            var outputPadding = Array(repeating: Int64(0), count: n)
            if let p = c.ints("output_padding") { guard p.count == n else { return }; outputPadding = p }

            guard w.rank >= 2 else { throw InferenceFailure("weight must have at least 2 dimensions") }
            var dims: [Dimension] = [x.dims[0], w.dims[1] * group]
            if let o = outputShape {
                // ONNX stops (keeping the dims added so far) at an output size smaller than the input.
                for i in 0..<o.count {
                    if let v = x.dims[i + 2].fixedValue, o[i] < v { break }
                    dims.append(Dimension(.value(o[i])))
                }
            } else {
                for i in 0..<n {
                    guard let v = x.dims[i + 2].fixedValue else { dims.append(.unknown); continue }
                    guard i < effectiveKernel.count else { throw InferenceFailure("kernel shape has too few values") }
                    let size = strides[i] &* (v &- 1) &+ outputPadding[i] &+ effectiveKernel[i] &- pads[i] &- pads[i + n]
                    dims.append(Dimension(.value(size)))
                }
            }
            c.setShape(dims, output: 0)
        }
    }
}
