/// One layer of a traced network, with the hyper-parameters that decide its ONNX node(s).
/// Weights are not part of it: they are drawn when the network is emitted.
enum TracedLayer: Hashable {
    case conv(outChannels: Int, kernel: Int, stride: Int, padding: Int, groups: Int, bias: Bool)
    /// A BatchNormalization that no convolution absorbed.
    case batchNorm
    case instanceNorm
    case layerNorm(normalizedShape: [Int])
    case relu, hardSwish, mish
    case leakyRelu(alpha: Float)
    case softmax(axis: Int)
    case averagePool(kernel: Int, stride: Int, padding: Int, countIncludePad: Bool)
    case globalAveragePool
    case flatten(axis: Int)
    case reduceMean(axes: [Int], keepDims: Bool)
    case reduceSum(axes: [Int], keepDims: Bool)
    /// `nn.Linear` on a 2-D input.
    case gemm(outFeatures: Int)
    /// `nn.Linear` on a 3-D/4-D input: MatMul with its weight ...
    case linearWeight(inFeatures: Int, outFeatures: Int)
    /// ... then the bias added.
    case linearBias(features: Int)
    /// `x + p` with a learnable `p` shaped like one sample of `x`.
    case positionalEncoding
    case matMul
    case scale(Float)
    case add
    case concat(axis: Int)
    case split(axis: Int, sizes: [Int])
    case unsqueeze(axes: [Int])
    case transpose(perm: [Int])
    case reshape(shape: [Int])
    case gather(axis: Int, indices: [Int], indicesShape: [Int])
    case pad(pads: [Int])

    /// Layers whose weights are drawn at random (so that two of them never compute the same
    /// thing). Norm layers start as scale 1 / shift 0 and are equal when their inputs are.
    var hasRandomParameters: Bool {
        switch self {
        case .conv, .gemm, .linearWeight, .linearBias, .positionalEncoding: return true
        default: return false
        }
    }

    var outputCount: Int {
        if case .split(_, let sizes) = self { return sizes.count }
        return 1
    }

    /// Output shapes from input shapes (batch included). Inputs are valid by construction.
    func outputShapes(_ inputs: [[Int]]) -> [[Int]] {
        let x = inputs.first ?? []
        func normalized(_ axis: Int, rank: Int) -> Int { axis < 0 ? axis + rank : axis }
        switch self {
        case .conv(let out, let k, let s, let p, _, _):
            return [[x[0], out, (x[2] + 2 * p - k) / s + 1, (x[3] + 2 * p - k) / s + 1]]
        case .averagePool(let k, let s, let p, _):
            return [[x[0], x[1], (x[2] + 2 * p - k) / s + 1, (x[3] + 2 * p - k) / s + 1]]
        case .batchNorm, .instanceNorm, .layerNorm, .relu, .hardSwish, .mish, .leakyRelu, .softmax, .scale,
             .positionalEncoding:
            return [x]
        case .linearBias:
            return [inputs.count > 1 ? inputs[1] : x]
        case .globalAveragePool:
            return [[x[0], x[1]] + [Int](repeating: 1, count: max(x.count - 2, 0))]
        case .flatten(let axis):
            let a = normalized(axis, rank: x.count)
            return [[x[..<a].reduce(1, *), x[a...].reduce(1, *)]]
        case .reduceMean(let axes, let keep), .reduceSum(let axes, let keep):
            let set = Set(axes.map { normalized($0, rank: x.count) })
            return [x.enumerated().compactMap { i, d in set.contains(i) ? (keep ? 1 : nil) : d }]
        case .gemm(let out):
            return [[x[0], out]]
        case .linearWeight(_, let out):
            return [Array(x.dropLast()) + [out]]
        case .matMul:
            let b = inputs[1]
            return [Array(x.dropLast()) + [b[b.count - 1]]]
        case .add:
            return [x]
        case .concat(let axis):
            let a = normalized(axis, rank: x.count)
            var y = x
            y[a] = inputs.reduce(0) { $0 + $1[a] }
            return [y]
        case .split(let axis, let sizes):
            let a = normalized(axis, rank: x.count)
            return sizes.map { s in var y = x; y[a] = s; return y }
        case .unsqueeze(let axes):
            var y = x
            for a in axes.map({ normalized($0, rank: x.count + axes.count) }).sorted() { y.insert(1, at: a) }
            return [y]
        case .transpose(let perm):
            return [perm.map { x[$0] }]
        case .reshape(let shape):
            let total = x.reduce(1, *)
            let known = shape.filter { $0 != -1 }.reduce(1, *)
            return [shape.map { $0 == -1 ? (known == 0 ? 0 : total / known) : $0 }]
        case .gather(let axis, _, let indicesShape):
            let a = normalized(axis, rank: x.count)
            return [Array(x[..<a]) + indicesShape + Array(x[(a + 1)...])]
        case .pad(let pads):
            let r = x.count
            return [x.enumerated().map { i, d in d + pads[i] + pads[i + r] }]
        }
    }
}

/// One traced call: a layer applied to values, producing values, inside a module path.
struct TracedOperation {
    var layer: TracedLayer
    var inputs: [Int]
    var outputs: [Int]
    /// Module path (`["module_list.3", "op", "op.1"]`): the node's name scope.
    var scope: [String]
}

/// A network as the PyTorch tracer records it: operations in execution order over numbered
/// values with known shapes. Search spaces lower an architecture into this form, the
/// exporter's and onnx-simplifier's clean-ups run on it (`simplify()`), and `emit` writes it
/// through `NetworkBuilder`.
struct TracedNetwork {
    var shapes: [[Int]]
    var operations: [TracedOperation] = []
    let input: Int
    var output: Int

    init(inputShape: [Int]) {
        shapes = [inputShape]
        input = 0
        output = 0
    }

    func shape(of value: Int) -> [Int] { shapes[value] }

    /// Records `layer` applied to `inputs` and returns its output values.
    @discardableResult
    mutating func apply(_ layer: TracedLayer, _ inputs: [Int], scope: [String]) -> [Int] {
        let outShapes = layer.outputShapes(inputs.map { shapes[$0] })
        let outs = outShapes.map { s -> Int in shapes.append(s); return shapes.count - 1 }
        operations.append(TracedOperation(layer: layer, inputs: inputs, outputs: outs, scope: scope))
        return outs
    }

    mutating func apply1(_ layer: TracedLayer, _ input: Int, scope: [String]) -> Int {
        apply(layer, [input], scope: scope)[0]
    }

    /// ONNX nodes the operations become (Mish is three: Softplus, Tanh, Mul).
    var operationNodeCount: Int { operations.reduce(0) { $0 + ($1.layer == .mish ? 3 : 1) } }

    /// Adds a value not produced by an operation (used when a pass rebuilds one).
    mutating func newValue(shape: [Int]) -> Int {
        shapes.append(shape)
        return shapes.count - 1
    }
}
