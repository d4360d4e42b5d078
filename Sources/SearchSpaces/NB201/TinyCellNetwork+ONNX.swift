import NetworkBuilder
import ONNXModel

extension TinyCellNetwork {
    /// The network as PyTorch's eval-mode export (opset 17) + onnx-simplifier gives it: see
    /// `TinyNetworkEmitter` for what that means node by node.
    func model(weights: WeightMode) throws -> Model {
        var builder = NetworkBuilder(inputChannels: 3, inputSize: inputSize, batch: 1, opset: 17,
                                     weights: weights, inputName: "input", mergesIdenticalNodes: true)
        let logits = try TinyNetworkEmitter().emit(self, into: &builder)
        return builder.finish(output: logits, outputShape: [1, Int64(classes)])
    }
}

/// Emits a `TinyCellNetwork` node by node in the order of PyTorch's trace, with the module
/// paths of the original code as node scopes (`/net/cells.3/layers.1/op/op.0/Relu`).
///
/// What the reference exports show and this reproduces:
/// - every Conv -> BatchNorm pair is one Conv with a bias; the final BatchNorm stays;
/// - `skip_connect` leaves no node; `none` is `Mul(x, 0.0)` with one shared scalar initializer;
/// - a node's sum is built edge by edge (`sum()` starting from 0, the `0 +` vanishing):
///   edge 1, edge 2, Add, edge 3, Add;
/// - identical parameter-free nodes (the ReLU of two convolutions reading the same tensor,
///   equal pools, `x * 0` of one tensor, equal sums) exist once. The exporter's
///   common-subexpression pass merges them before nodes are named, so later names keep
///   counting without gaps: the builder merges them as they are emitted.
struct TinyNetworkEmitter {
    func emit(_ network: TinyCellNetwork, into builder: inout NetworkBuilder) throws -> BuiltValue {
        let input = builder.input
        return try builder.scope("net") { b in
            var x = b.scope("stem") { b in
                b.scope("stem.0") { $0.conv(input, out: network.channels[0], kernel: 3, padding: 1, bias: true) }
            }
            for (k, channels) in network.channels.enumerated() {
                let previous = x
                x = try b.scope("cells.\(k)") { b in
                    network.isReduction(k) ? reductionBlock(&b, previous, out: channels)
                                           : try cell(&b, network.cell, previous, out: channels, index: k)
                }
            }
            let last = x
            x = b.scope("lastact") { b in
                let normalized = b.scope("lastact.0") { $0.batchNorm(last) }
                return b.scope("lastact.1") { $0.relu(normalized) }
            }
            let pooled = x
            x = b.scope("global_pooling") { $0.globalAveragePool(pooled) }
            // out.view(out.size(0), -1) after constant folding.
            let shape = b.int64Constant([1, -1], name: "/net/Constant_output_0")
            let flat = BuiltValue(name: b.node("Reshape", [x.name, shape], attributes: [.int("allowzero", 0)])[0],
                                  channels: x.channels)
            return b.scope("classifier") { $0.linear(flat, out: network.classes) }
        }
    }

    // MARK: layers

    /// `InferCell`: node i = sum of its edges, in string order.
    private func cell(_ b: inout NetworkBuilder, _ cell: NB201Cell, _ input: BuiltValue, out: Int,
                      index: Int) throws -> BuiltValue {
        var nodes = [input]
        for node in 1...3 {
            var sum: BuiltValue?
            for edge in cell.incomingEdges(of: node) {
                let x = nodes[edge.input]
                let y = try b.scope("layers.\(edge.edge)") { b in
                    try self.edge(&b, edge.operation, x, out: out, path: (index, edge.edge))
                }
                if let partial = sum { sum = b.add(partial, y) } else { sum = y }
            }
            nodes.append(sum!)
        }
        return nodes[3]
    }

    /// One edge operation `OPS[op](C_in, C_out, stride 1)`, inside the scope `cells.{path.cell}/layers.{path.edge}`.
    private func edge(_ b: inout NetworkBuilder, _ op: NB201Operation, _ x: BuiltValue, out: Int,
                      path: (cell: Int, edge: Int)) throws -> BuiltValue {
        switch op {
        case .none:
            guard x.channels == out else {
                // `Zero` then returns a fresh zero tensor of another shape; no benchmark
                // architecture has such an edge (NB201 cells keep their width, the size
                // space's cell has no `none`).
                throw SearchSpaceError(space: NB201Space.id, "a `none` edge that changes the channel count is not supported")
            }
            // One 0.0 scalar for all `none` edges, named after the first edge that uses it.
            let zero = b.floatScalar(0, name: "/net/cells.\(path.cell)/layers.\(path.edge)/Constant_output_0", shared: true)
            return BuiltValue(name: b.node("Mul", [x.name, zero])[0], channels: x.channels)
        case .skipConnect:
            if x.channels == out { return x }
            // FactorizedReduce of stride 1: Conv 1x1 + BN, no ReLU.
            return b.scope("conv") { $0.conv(x, out: out, kernel: 1, bias: true) }
        case .conv1x1, .conv3x3:
            return reluConvBN(&b, x, out: out, kernel: op.convolutionKernel!, stride: 1)
        case .avgPool3x3:
            let y = x.channels == out ? x
                : b.scope("preprocess") { b in reluConvBN(&b, x, out: out, kernel: 1, stride: 1) }
            return b.scope("op") { $0.averagePool(y, kernel: 3, stride: 1, padding: 1, countIncludePad: false) }
        }
    }

    /// `ReLUConvBN` (its module list is called `op`): ReLU, then Conv with the BN folded in.
    private func reluConvBN(_ b: inout NetworkBuilder, _ x: BuiltValue, out: Int, kernel: Int, stride: Int) -> BuiltValue {
        b.scope("op") { b in
            let r = b.scope("op.0") { $0.relu(x) }
            return b.scope("op.1") { $0.conv(r, out: out, kernel: kernel, stride: stride, padding: kernel / 2, bias: true) }
        }
    }

    /// `ResNetBasicblock` of stride 2: conv_a, conv_b, and AvgPool 2x2 + Conv 1x1 on the shortcut.
    private func reductionBlock(_ b: inout NetworkBuilder, _ x: BuiltValue, out: Int) -> BuiltValue {
        let a = b.scope("conv_a") { b in reluConvBN(&b, x, out: out, kernel: 3, stride: 2) }
        let block = b.scope("conv_b") { b in reluConvBN(&b, a, out: out, kernel: 3, stride: 1) }
        let residual = b.scope("downsample") { b in
            let pooled = b.scope("downsample.0") {
                $0.averagePool(x, kernel: 2, stride: 2, padding: 0, countIncludePad: true)
            }
            return b.scope("downsample.1") { $0.conv(pooled, out: out, kernel: 1, bias: false) }
        }
        return b.add(residual, block)
    }
}
