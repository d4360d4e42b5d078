import ONNXModel

/// Output spatial size of convolutions and pooling (ONNX's `convPoolShapeInference` and its
/// older variants): kernel from the attribute or the weight's shape, dilations, strides,
/// explicit pads or auto_pad, floor or ceil mode.
enum ConvPoolGeometry {
    enum CeilRounding {
        /// Until opset 21: `ceil((in + pads - kernel) / stride)` in float.
        case legacy
        /// Opset 22 (and ConvInteger/QLinearConv): integer ceil, and a last window that
        /// would start inside the right padding is dropped (PyTorch's rule).
        case pytorch
    }

    /// Infers output 0's shape (and output 1's, for MaxPool's indices).
    /// `requireKernelShape`: pooling (kernel from the attribute, channels from X) versus
    /// convolution (kernel from W's trailing dims, channels from W's first dim).
    static func infer(_ c: inout NodeContext, useDilation: Bool, requireKernelShape: Bool,
                      input: Int, weight: Int, rounding: CeilRounding) throws(InferenceFailure) {
        guard let x = c.inputShape(input) else { return }
        var w: TensorShape?
        if !requireKernelShape {
            guard let ws = c.inputShape(weight) else { return }
            w = ws
        }
        guard x.rank >= 2 else { throw InferenceFailure("input must have at least 2 dimensions") }
        let n = x.rank - 2

        // Attribute arrays are read in place; absent ones mean all-ones / all-zeros.
        let dilations = useDilation ? c.ints("dilations") : nil
        if let d = dilations, d.count != n { throw InferenceFailure("dilations has the wrong length") }
        let strides = c.ints("strides")
        if let s = strides, s.count != n { throw InferenceFailure("strides has the wrong length") }
        var kernel: [Int64]
        if let k = c.ints("kernel_shape") {
            guard k.count == n else { throw InferenceFailure("kernel_shape has the wrong length") }
            kernel = k
        } else if requireKernelShape {
            throw InferenceFailure("kernel_shape must be specified")
        } else {
            kernel = []
            let ws = w!
            if ws.rank > 2 {
                for i in 2..<ws.rank {
                    guard let v = ws.dims[i].fixedValue else { return }
                    kernel.append(v)
                }
            }
            guard kernel.count <= n else { throw InferenceFailure("kernel has more dims than the input") }
        }
        @inline(__always) func stride(_ i: Int) -> Int64 { strides?[i] ?? 1 }
        @inline(__always) func effectiveKernel(_ i: Int) -> Int64 { (kernel[i] &- 1) &* (dilations?[i] ?? 1) &+ 1 }

        var pads = c.ints("pads")
        if let p = pads {
            guard p.count == 2 * n else { throw InferenceFailure("pads has the wrong length") }
        } else if c.hasAttribute("auto_pad"), case let autoPad = c.string("auto_pad", default: ""), autoPad != "VALID" {
            var p = Array(repeating: Int64(0), count: 2 * n)
            for i in 0..<n {
                var residual: Int64 = 0
                let s = stride(i)
                if s > 1 {
                    guard let v = x.dims[2 + i].fixedValue else { continue }
                    residual = v % s
                    if residual < 0 { residual = v }  // ONNX subtracts only while residual >= stride
                }
                guard i < kernel.count else { throw InferenceFailure("kernel shape has too few values") }
                var total = residual == 0 ? effectiveKernel(i) &- s : effectiveKernel(i) &- residual
                if total < 0 { total = 0 }
                let small = total >> 1
                let big = total &- small
                if autoPad == "SAME_UPPER" {
                    p[i] = small; p[i + n] = big
                } else if autoPad == "SAME_LOWER" {
                    p[i] = big; p[i + n] = small
                }
            }
            pads = p
        }
        @inline(__always) func pad(_ i: Int) -> Int64 { pads?[i] ?? 0 }

        var dims: [Dimension] = []
        dims.reserveCapacity(2 + kernel.count)
        dims.append(x.dims[0])
        if requireKernelShape {
            dims.append(x.dims[1])
        } else {
            guard let ws = w, ws.rank >= 1 else { throw InferenceFailure("weight must have at least 1 dimension") }
            dims.append(ws.dims[0])
        }
        let ceilMode = c.int("ceil_mode", default: 0)
        let k = kernel.count
        for i in 0..<k {
            guard 2 + i < x.rank else { throw InferenceFailure("kernel has more dims than the input") }
            guard let inputSize = x.dims[2 + i].fixedValue else { dims.append(.unknown); continue }
            let s = stride(i)
            guard s != 0 else { throw InferenceFailure("stride is zero") }
            let effectiveInput = inputSize &+ pad(i) &+ pad(i + k)
            let span = effectiveInput &- effectiveKernel(i)
            var out: Int64?
            switch rounding {
            case .legacy:
                if ceilMode == 1 {
                    out = SafeInt.int64(Double((Float(span) / Float(s)).rounded(.up))).map { $0 &+ 1 }
                } else {
                    out = SafeInt.divide(span, s).map { $0 &+ 1 }
                }
            case .pytorch:
                if var size = SafeInt.divide(span &+ (ceilMode != 0 ? s &- 1 : 0), s).map({ $0 &+ 1 }) {
                    if ceilMode == 1, (size &- 1) &* s >= inputSize &+ pad(i) { size &-= 1 }
                    out = size
                }
            }
            guard let out else { throw InferenceFailure("pooling size overflows") }
            dims.append(Dimension(.value(out)))
        }
        let shape = TensorShape(dims)
        c.setShape(shape, output: 0)
        if c.outputCount > 1 { c.setShape(shape, output: 1) }
    }
}
