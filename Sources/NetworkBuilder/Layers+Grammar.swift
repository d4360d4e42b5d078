import ONNXModel

/// Layers the grammar-based spaces (hierarchical NAS-Bench-201, einspace) need beyond the
/// common ones, each with the inputs and attributes PyTorch's exporter (opset 13-17) gives it
/// after onnx-simplifier has folded its constants. `channels` of a result is the size of axis
/// 1 where that is meaningful; callers that track full shapes pass sizes explicitly.
extension NetworkBuilder {
    // MARK: normalisation and activations

    /// `nn.InstanceNorm2d(C, affine=True)`: scale 1 and shift 0, as initialised.
    public mutating func instanceNormalization(_ x: BuiltValue, epsilon: Float = 1e-5) -> BuiltValue {
        let c = Int64(x.channels)
        let scale = parameter("weight", dims: [c], fill: 1)
        let shift = parameter("bias", dims: [c])
        let y = node("InstanceNormalization", [x.name, scale, shift], attributes: [.float("epsilon", epsilon)])
        return BuiltValue(name: y[0], channels: x.channels)
    }

    /// `nn.LayerNorm(normalizedShape)`: normalises the last `normalizedShape.count` axes
    /// (axis = -count, opset 17's LayerNormalization), scale 1 and shift 0.
    public mutating func layerNormalization(_ x: BuiltValue, normalizedShape: [Int64], epsilon: Float = 1e-5) -> BuiltValue {
        let scale = parameter("weight", dims: normalizedShape, fill: 1)
        let shift = parameter("bias", dims: normalizedShape)
        let y = node("LayerNormalization", [x.name, scale, shift],
                     attributes: [.int("axis", -Int64(normalizedShape.count)), .float("epsilon", epsilon)])
        return BuiltValue(name: y[0], channels: x.channels)
    }

    public mutating func leakyRelu(_ x: BuiltValue, alpha: Float = 0.01) -> BuiltValue {
        BuiltValue(name: node("LeakyRelu", [x.name], attributes: [.float("alpha", alpha)])[0], channels: x.channels)
    }

    /// `nn.Hardswish`: one HardSwish node from opset 14 on.
    public mutating func hardSwish(_ x: BuiltValue) -> BuiltValue {
        BuiltValue(name: node("HardSwish", [x.name])[0], channels: x.channels)
    }

    /// `nn.Mish` below opset 18 (no Mish operator yet): `x * tanh(softplus(x))`.
    public mutating func mish(_ x: BuiltValue) -> BuiltValue {
        let s = node("Softplus", [x.name])[0]
        let t = node("Tanh", [s])[0]
        return BuiltValue(name: node("Mul", [x.name, t])[0], channels: x.channels)
    }

    /// `nn.Softmax(dim)` (opset 13 semantics: along one axis).
    public mutating func softmax(_ x: BuiltValue, axis: Int64) -> BuiltValue {
        BuiltValue(name: node("Softmax", [x.name], attributes: [.int("axis", axis)])[0], channels: x.channels)
    }

    // MARK: linear algebra

    /// The MatMul of `nn.Linear` on a tensor of rank > 2: the weight is stored transposed,
    /// `[inFeatures, outFeatures]` (the exporter's Transpose folded away).
    public mutating func linearWeight(_ x: BuiltValue, inFeatures: Int, outFeatures: Int) -> BuiltValue {
        let w = parameter("weight", dims: [Int64(inFeatures), Int64(outFeatures)], fanIn: inFeatures)
        return BuiltValue(name: node("MatMul", [x.name, w])[0], channels: x.channels)
    }

    /// The bias of `nn.Linear` on a tensor of rank > 2: `Add(bias, y)`, bias first, as the
    /// exporter writes it.
    public mutating func linearBias(_ x: BuiltValue, features: Int) -> BuiltValue {
        let b = parameter("bias", dims: [Int64(features)])
        return BuiltValue(name: node("Add", [b, x.name])[0], channels: x.channels)
    }

    /// `x + p` for a learnable tensor `p` of shape `dims` (a learnable positional encoding).
    public mutating func addParameter(_ x: BuiltValue, dims: [Int64], suffix: String = "fn") -> BuiltValue {
        let p = parameter(suffix, dims: dims, fanIn: 1)
        return BuiltValue(name: node("Add", [x.name, p])[0], channels: x.channels)
    }

    public mutating func matMul(_ a: BuiltValue, _ b: BuiltValue) -> BuiltValue {
        BuiltValue(name: node("MatMul", [a.name, b.name])[0], channels: a.channels)
    }

    /// `x * c` for a Python float `c` (a scalar initializer).
    public mutating func multiply(_ x: BuiltValue, byScalar value: Float) -> BuiltValue {
        let c = floatScalar(value)
        return BuiltValue(name: node("Mul", [x.name, c])[0], channels: x.channels)
    }

    // MARK: shape manipulation

    /// `torch.split(x, sizes, dim)`: Split with its sizes as an int64 input (opset 13+).
    public mutating func split(_ x: BuiltValue, axis: Int64, sizes: [Int64]) -> [BuiltValue] {
        let s = int64Constant(sizes)
        let ys = node("Split", [x.name, s], attributes: [.int("axis", axis)], outputs: sizes.count)
        return ys.enumerated().map { i, y in BuiltValue(name: y, channels: axis == 1 ? Int(sizes[i]) : x.channels) }
    }

    /// Unsqueeze with its axes as an int64 input (opset 13+).
    public mutating func unsqueeze(_ x: BuiltValue, axes: [Int64]) -> BuiltValue {
        let a = int64Constant(axes)
        return BuiltValue(name: node("Unsqueeze", [x.name, a])[0], channels: x.channels)
    }

    /// `x.sum(dims)`: ReduceSum with its axes as an int64 input (opset 13+).
    public mutating func reduceSum(_ x: BuiltValue, axes: [Int64], keepDims: Bool) -> BuiltValue {
        let a = int64Constant(axes)
        let y = node("ReduceSum", [x.name, a], attributes: [.int("keepdims", keepDims ? 1 : 0)])
        return BuiltValue(name: y[0], channels: x.channels)
    }

    public mutating func transpose(_ x: BuiltValue, perm: [Int64], channels: Int? = nil) -> BuiltValue {
        BuiltValue(name: node("Transpose", [x.name], attributes: [.ints("perm", perm)])[0], channels: channels ?? x.channels)
    }

    /// `x.reshape(shape)` with the shape folded into an int64 initializer.
    public mutating func reshape(_ x: BuiltValue, shape: [Int64], channels: Int? = nil) -> BuiltValue {
        let s = int64Constant(shape)
        let y = node("Reshape", [x.name, s], attributes: [.int("allowzero", 0)])
        return BuiltValue(name: y[0], channels: channels ?? x.channels)
    }

    /// `nn.Flatten()`: `torch.flatten(x, 1)` exports as ONNX Flatten.
    public mutating func flatten(_ x: BuiltValue, axis: Int64 = 1, features: Int) -> BuiltValue {
        BuiltValue(name: node("Flatten", [x.name], attributes: [.int("axis", axis)])[0], channels: features)
    }

    /// Gather along `axis` with constant int64 indices of shape `indicesShape` (how the
    /// exporter's `im2col` picks sliding-window rows and columns once folded).
    public mutating func gather(_ x: BuiltValue, indices: [Int64], indicesShape: [Int64], axis: Int64) -> BuiltValue {
        let i = int64Constant(indices, dims: indicesShape)
        let y = node("Gather", [x.name, i], attributes: [.int("axis", axis)])
        return BuiltValue(name: y[0], channels: x.channels)
    }

    /// Constant zero padding with the pads as an int64 input (opset 11+), begins then ends.
    public mutating func pad(_ x: BuiltValue, pads: [Int64]) -> BuiltValue {
        let p = int64Constant(pads)
        return BuiltValue(name: node("Pad", [x.name, p])[0], channels: x.channels)
    }
}
