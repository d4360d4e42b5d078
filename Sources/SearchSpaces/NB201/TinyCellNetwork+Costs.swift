/// Parameter and FLOP counts of the PyTorch network (not of the folded ONNX graph), from the
/// leaf modules one forward pass runs, for one image.
///
/// Two FLOP conventions are in use for these benchmarks:
/// - `officialFLOPs`: the benchmarks' own `get_model_infos` (NAS-Bench-201 / NATS-Bench API
///   `flop`): multiply-adds of convolutions and linear layers, plus their bias additions.
/// - `naslibFLOPs`: NASLib's `flops` (its `zc_*.json` files), measured with tensorwatch's
///   `ModelStats`, which also counts BatchNorm (2 per element when affine), ReLU (1 per
///   element), pooling (kernel area per output element; adaptive pooling (in+1)^2 per channel)
///   and linear layers without their bias.
struct TinyNetworkCosts: Sendable, Equatable {
    var trainableParameters = 0
    var officialFLOPs = 0
    var naslibFLOPs = 0
}

/// A PyTorch leaf module as it runs in the forward pass (sizes are square feature maps).
enum TorchLeafModule: Sendable, Equatable {
    case conv(inChannels: Int, outChannels: Int, kernel: Int, outputSize: Int, bias: Bool)
    case batchNorm(channels: Int, size: Int, affine: Bool)
    case relu(channels: Int, size: Int)
    case avgPool(channels: Int, inputSize: Int, kernel: Int, stride: Int, padding: Int)
    case globalAvgPool(channels: Int, inputSize: Int)
    case linear(inFeatures: Int, outFeatures: Int)

    var parameters: Int {
        switch self {
        case let .conv(i, o, k, _, bias): return i * o * k * k + (bias ? o : 0)
        case let .batchNorm(c, _, affine): return affine ? 2 * c : 0
        case let .linear(i, o): return i * o + o
        case .relu, .avgPool, .globalAvgPool: return 0
        }
    }

    var officialFLOPs: Int {
        switch self {
        case let .conv(i, o, k, s, bias): return (k * k * i * o + (bias ? o : 0)) * s * s
        case let .linear(i, o): return i * o + o
        default: return 0
        }
    }

    var naslibFLOPs: Int {
        switch self {
        case let .conv(i, o, k, s, bias): return (k * k * i * o + (bias ? o : 0)) * s * s
        case let .batchNorm(c, s, affine): return c * s * s * (affine ? 2 : 1)
        case let .relu(c, s): return c * s * s
        case let .avgPool(c, n, k, stride, p):
            let out = (n + 2 * p - k) / stride + 1
            return c * out * out * k * k
        case let .globalAvgPool(c, n): return c * (n + 1) * (n + 1)
        case let .linear(i, o): return i * o
        }
    }
}

extension TinyCellNetwork {
    var costs: TinyNetworkCosts {
        var total = TinyNetworkCosts()
        for module in leafModules() {
            total.trainableParameters += module.parameters
            total.officialFLOPs += module.officialFLOPs
            total.naslibFLOPs += module.naslibFLOPs
        }
        return total
    }

    /// The leaf modules of one forward pass, in call order.
    func leafModules() -> [TorchLeafModule] {
        var modules: [TorchLeafModule] = []
        var size = inputSize
        // Stem: Conv2d(3, C, 3, padding=1, bias=False) + BatchNorm2d.
        modules += [.conv(inChannels: 3, outChannels: channels[0], kernel: 3, outputSize: size, bias: false),
                    .batchNorm(channels: channels[0], size: size, affine: true)]
        var previous = channels[0]
        for (k, current) in channels.enumerated() {
            if isReduction(k) {
                let half = (size - 1) / 2 + 1
                modules += Self.reluConvBN(previous, current, kernel: 3, inputSize: size, outputSize: half)
                modules += Self.reluConvBN(current, current, kernel: 3, inputSize: half, outputSize: half)
                modules += [.avgPool(channels: previous, inputSize: size, kernel: 2, stride: 2, padding: 0),
                            .conv(inChannels: previous, outChannels: current, kernel: 1, outputSize: half, bias: false)]
                size = half
            } else {
                for edge in NB201Cell.edges.indices {
                    let input = NB201Cell.edges[edge].input == 0 ? previous : current
                    modules += Self.edgeModules(cell.operations[edge], input, current, size: size)
                }
            }
            previous = current
        }
        modules += [.batchNorm(channels: previous, size: size, affine: true), .relu(channels: previous, size: size),
                    .globalAvgPool(channels: previous, inputSize: size),
                    .linear(inFeatures: previous, outFeatures: classes)]
        return modules
    }

    static func reluConvBN(_ i: Int, _ o: Int, kernel: Int, inputSize: Int, outputSize: Int) -> [TorchLeafModule] {
        [.relu(channels: i, size: inputSize),
         .conv(inChannels: i, outChannels: o, kernel: kernel, outputSize: outputSize, bias: false),
         .batchNorm(channels: o, size: outputSize, affine: true)]
    }

    /// One cell edge of stride 1 (`OPS[...](C_in, C_out, 1, affine=True, track=True)`).
    static func edgeModules(_ op: NB201Operation, _ i: Int, _ o: Int, size: Int) -> [TorchLeafModule] {
        switch op {
        case .none:
            return []
        case .skipConnect:
            // Identity, or FactorizedReduce of stride 1 (Conv 1x1 + BN, its ReLU unused).
            return i == o ? [] : [.conv(inChannels: i, outChannels: o, kernel: 1, outputSize: size, bias: false),
                                  .batchNorm(channels: o, size: size, affine: true)]
        case .conv1x1, .conv3x3:
            return reluConvBN(i, o, kernel: op.convolutionKernel!, inputSize: size, outputSize: size)
        case .avgPool3x3:
            // POOLING: a 1x1 ReLU-Conv-BN first when the channel count changes.
            let pre = i == o ? [] : reluConvBN(i, o, kernel: 1, inputSize: size, outputSize: size)
            return pre + [.avgPool(channels: o, inputSize: size, kernel: 3, stride: 1, padding: 1)]
        }
    }
}
