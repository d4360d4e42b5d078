import ONNXModel

/// The layers search spaces are made of, each written once with the attributes PyTorch's
/// exporter gives it (`Conv` always lists dilations, group, kernel_shape, pads, strides).
extension NetworkBuilder {
    /// Conv2d. With `bias`, the node stands for Conv + folded BatchNorm, or a Conv with bias.
    public mutating func conv(_ x: BuiltValue, out: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                              dilation: Int = 1, groups: Int = 1, bias: Bool) -> BuiltValue {
        let k = Int64(kernel), p = Int64(padding), s = Int64(stride), d = Int64(dilation)
        let w = parameter("weight", dims: [Int64(out), Int64(x.channels / groups), k, k],
                          fanIn: x.channels / groups * kernel * kernel)
        var inputs = [x.name, w]
        if bias { inputs.append(parameter("bias", dims: [Int64(out)])) }
        let y = node("Conv", inputs, attributes: [
            .ints("dilations", [d, d]), .int("group", Int64(groups)), .ints("kernel_shape", [k, k]),
            .ints("pads", [p, p, p, p]), .ints("strides", [s, s]),
        ])
        return BuiltValue(name: y[0], channels: out)
    }

    public mutating func relu(_ x: BuiltValue) -> BuiltValue {
        BuiltValue(name: node("Relu", [x.name])[0], channels: x.channels)
    }

    public mutating func add(_ a: BuiltValue, _ b: BuiltValue) -> BuiltValue {
        BuiltValue(name: node("Add", [a.name, b.name])[0], channels: a.channels)
    }

    /// `x * 0.0`: how PyTorch exports a zero (`none`) operation.
    public mutating func multiplyByZero(_ x: BuiltValue) -> BuiltValue {
        let zero = floatScalar(0)
        return BuiltValue(name: node("Mul", [x.name, zero])[0], channels: x.channels)
    }

    /// An unfolded BatchNormalization in inference mode (kept when no Conv precedes it).
    public mutating func batchNorm(_ x: BuiltValue, epsilon: Float = 1e-5, momentum: Float = 0.9) -> BuiltValue {
        let c = Int64(x.channels)
        let scale = parameter("weight", dims: [c], fill: 1)
        let shift = parameter("bias", dims: [c])
        let mean = parameter("running_mean", dims: [c])
        let variance = parameter("running_var", dims: [c], fill: 1)
        let y = node("BatchNormalization", [x.name, scale, shift, mean, variance], attributes: [
            .float("epsilon", epsilon), .float("momentum", momentum), .int("training_mode", 0),
        ])
        return BuiltValue(name: y[0], channels: x.channels)
    }

    public mutating func averagePool(_ x: BuiltValue, kernel: Int, stride: Int, padding: Int,
                                     countIncludePad: Bool, ceilMode: Bool = false) -> BuiltValue {
        let k = Int64(kernel), s = Int64(stride), p = Int64(padding)
        // PyTorch's exporter always writes count_include_pad, 0 included (see the NB201 and
        // NB301 goldens), so the attribute list does not depend on the flag.
        let attrs: [Attribute] = [
            .int("ceil_mode", ceilMode ? 1 : 0), .int("count_include_pad", countIncludePad ? 1 : 0),
            .ints("kernel_shape", [k, k]), .ints("pads", [p, p, p, p]), .ints("strides", [s, s]),
        ]
        return BuiltValue(name: node("AveragePool", [x.name], attributes: attrs)[0], channels: x.channels)
    }

    public mutating func maxPool(_ x: BuiltValue, kernel: Int, stride: Int, padding: Int,
                                 ceilMode: Bool = false, dilation: Int = 1) -> BuiltValue {
        let k = Int64(kernel), s = Int64(stride), p = Int64(padding), d = Int64(dilation)
        let y = node("MaxPool", [x.name], attributes: [
            .int("ceil_mode", ceilMode ? 1 : 0), .ints("dilations", [d, d]), .ints("kernel_shape", [k, k]),
            .ints("pads", [p, p, p, p]), .ints("strides", [s, s]),
        ])
        return BuiltValue(name: y[0], channels: x.channels)
    }

    public mutating func globalAveragePool(_ x: BuiltValue) -> BuiltValue {
        BuiltValue(name: node("GlobalAveragePool", [x.name])[0], channels: x.channels)
    }

    /// `x.view(x.size(0), -1)` after constant folding: Reshape with a 2-element int64 shape.
    public mutating func flattenByReshape(_ x: BuiltValue, batch: Int64 = 1) -> BuiltValue {
        let shape = int64Constant([batch, -1])
        let y = node("Reshape", [x.name, shape], attributes: [.int("allowzero", 0)])
        return BuiltValue(name: y[0], channels: x.channels)
    }

    /// `x.mean(dim=axes)` without keepdim.
    public mutating func reduceMean(_ x: BuiltValue, axes: [Int64], keepDims: Bool) -> BuiltValue {
        // ReduceMean takes axes as an attribute up to opset 17 and as an input from 18 on.
        if opset >= 18 {
            let a = int64Constant(axes)
            return BuiltValue(name: node("ReduceMean", [x.name, a], attributes: [.int("keepdims", keepDims ? 1 : 0)])[0],
                              channels: x.channels)
        }
        let y = node("ReduceMean", [x.name], attributes: [.ints("axes", axes), .int("keepdims", keepDims ? 1 : 0)])
        return BuiltValue(name: y[0], channels: x.channels)
    }

    /// nn.Linear on a flat input: Gemm with transB=1.
    public mutating func linear(_ x: BuiltValue, out: Int) -> BuiltValue {
        let w = parameter("weight", dims: [Int64(out), Int64(x.channels)], fanIn: x.channels)
        let b = parameter("bias", dims: [Int64(out)])
        let y = node("Gemm", [x.name, w, b], attributes: [.float("alpha", 1), .float("beta", 1), .int("transB", 1)])
        return BuiltValue(name: y[0], channels: out)
    }

    public mutating func concat(_ xs: [BuiltValue], axis: Int64 = 1) -> BuiltValue {
        let y = node("Concat", xs.map(\.name), attributes: [.int("axis", axis)])
        return BuiltValue(name: y[0], channels: xs.reduce(0) { $0 + $1.channels })
    }
}
