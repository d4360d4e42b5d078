import ONNXModel
import NetworkBuilder

/// The DARTS CIFAR evaluation network (`NetworkCIFAR` of the DARTS code) as NAS-Bench-301
/// trained it: a 3x3 stem of `3C` channels, `layers` cells with reduction cells (channels
/// doubled, stride 2) at `layers/3` and `2*layers/3`, global average pooling and a linear
/// classifier. Auxiliary head and drop path only act in training, so the evaluation graph
/// has neither.
public struct DARTSNetwork: Sendable {
    public var genotype: DARTSGenotype
    /// Initial channels `C`, number of cells and classes of the NB301 evaluation network.
    public let channels = 32
    public let layers = 8
    public let classes = 10
    /// The stem has `stemMultiplier * C` channels.
    static let stemMultiplier = 3

    public init(genotype: DARTSGenotype) { self.genotype = genotype }

    /// What each cell of the network is: its channels, kind, and that of the cell before it.
    struct CellPlan {
        let index: Int
        let inputChannels: (Int, Int)
        let channels: Int
        let reduction: Bool
        let reductionPrevious: Bool
        /// Spatial size of the cell's inputs (its output is half that in a reduction cell).
        let inputSize: (Int, Int)
    }

    /// The cells in order, as `NetworkCIFAR.__init__` lays them out, for a `imageSize` input.
    func cellPlans(imageSize: Int = 32) -> [CellPlan] {
        var plans: [CellPlan] = []
        let stem = Self.stemMultiplier * channels
        var cPrevPrev = stem, cPrev = stem, c = channels
        var sizePrevPrev = imageSize, sizePrev = imageSize
        var reductionPrevious = false
        for i in 0..<layers {
            let reduction = i == layers / 3 || i == 2 * layers / 3
            if reduction { c *= 2 }
            plans.append(CellPlan(index: i, inputChannels: (cPrevPrev, cPrev), channels: c, reduction: reduction,
                                  reductionPrevious: reductionPrevious, inputSize: (sizePrevPrev, sizePrev)))
            cPrevPrev = cPrev
            cPrev = DARTSGenotype.concat.count * c
            sizePrevPrev = sizePrev
            if reduction { sizePrev = (sizePrev + 1) / 2 }
            reductionPrevious = reduction
        }
        return plans
    }

    var finalChannels: Int { cellPlans().last.map { DARTSGenotype.concat.count * $0.channels } ?? Self.stemMultiplier * channels }

    /// The evaluation network as eval-mode `torch.onnx.export` + onnx-simplifier give it:
    /// BatchNorm after a convolution folded into it, BatchNorm after FactorizedReduce's
    /// concatenation kept, unused preprocessing dropped. Node and parameter names follow the
    /// reference export's module paths (`/net/cells.3/_ops.5/op/op.1/Conv`).
    ///
    /// DARTS modules repeat parameter-free work (every ReLU that reads the same tensor: a
    /// cell's preprocessing and several operations on one state; equal pools; the
    /// `x[:, :, 1:, 1:]` of two FactorizedReduce on one input), which the export computes
    /// once: identical nodes merge in `finish`, after naming, keeping the first.
    public func build(weights: WeightMode = .random(seed: 0), metadata: [StringPair] = []) -> Model {
        var b = NetworkBuilder(weights: weights)
        let logits = b.scope("net") { b -> BuiltValue in
            let stem = b.scope("stem") { b in
                b.scope("stem.0") { b in
                    b.conv(b.input, out: Self.stemMultiplier * channels, kernel: 3, padding: 1, bias: true)
                }
            }
            var s0 = stem, s1 = stem
            for plan in cellPlans() {
                let out = b.scope("cells.\(plan.index)") { b in cell(&b, plan, s0, s1) }
                s0 = s1
                s1 = out
            }
            let pooled = b.scope("global_pooling") { b in b.globalAveragePool(s1) }
            let flat = b.flattenByReshape(pooled)
            return b.scope("classifier") { b in b.linear(flat, out: classes) }
        }
        return b.finish(output: logits, metadata: metadata, mergeIdenticalNodes: true)
    }

    // MARK: cells

    private func cell(_ b: inout NetworkBuilder, _ plan: CellPlan, _ s0: BuiltValue, _ s1: BuiltValue) -> BuiltValue {
        let c = plan.channels
        let p0 = b.scope("preprocess0") { b in
            plan.reductionPrevious ? factorizedReduce(&b, s0, out: c) : reluConvBN(&b, s0, out: c)
        }
        let p1 = b.scope("preprocess1") { b in reluConvBN(&b, s1, out: c) }
        var states = [p0, p1]
        let edges = plan.reduction ? genotype.reduce.edges : genotype.normal.edges
        for node in 0..<DARTSCell.nodeCount {
            var summands: [BuiltValue] = []
            for k in 0..<2 {
                let index = 2 * node + k
                let edge = edges[index]
                let stride = plan.reduction && edge.input < 2 ? 2 : 1
                summands.append(b.scope("_ops.\(index)") { b in
                    operation(&b, edge.operation, states[edge.input], channels: c, stride: stride)
                })
            }
            states.append(b.add(summands[0], summands[1]))
        }
        return b.concat(DARTSGenotype.concat.map { states[$0] })
    }

    private func operation(_ b: inout NetworkBuilder, _ op: DARTSOperation, _ x: BuiltValue,
                           channels c: Int, stride: Int) -> BuiltValue {
        switch op {
        case .maxPool3x3:
            return b.maxPool(x, kernel: 3, stride: stride, padding: 1)
        case .avgPool3x3:
            return b.averagePool(x, kernel: 3, stride: stride, padding: 1, countIncludePad: false)
        case .skipConnect:
            return stride == 1 ? x : factorizedReduce(&b, x, out: c)
        case .sepConv3x3, .sepConv5x5:
            let k = op.kernel!
            return b.scope("op") { b in
                var y = x
                // Two (ReLU, depthwise conv, pointwise conv, BN) stacks; only the first strides.
                for (first, s) in [(0, stride), (4, 1)] {
                    y = b.scope("op.\(first)") { b in b.relu(y) }
                    y = b.scope("op.\(first + 1)") { b in
                        b.conv(y, out: c, kernel: k, stride: s, padding: k / 2, groups: y.channels, bias: false)
                    }
                    y = b.scope("op.\(first + 2)") { b in b.conv(y, out: c, kernel: 1, bias: true) }
                }
                return y
            }
        case .dilConv3x3, .dilConv5x5:
            let k = op.kernel!
            return b.scope("op") { b in
                var y = b.scope("op.0") { b in b.relu(x) }
                y = b.scope("op.1") { b in
                    b.conv(y, out: c, kernel: k, stride: stride, padding: k - 1, dilation: 2, groups: y.channels, bias: false)
                }
                return b.scope("op.2") { b in b.conv(y, out: c, kernel: 1, bias: true) }
            }
        }
    }

    /// ReLU, 1x1 convolution, BatchNorm (folded into the convolution).
    private func reluConvBN(_ b: inout NetworkBuilder, _ x: BuiltValue, out: Int) -> BuiltValue {
        b.scope("op") { b in
            let r = b.scope("op.0") { b in b.relu(x) }
            return b.scope("op.1") { b in b.conv(r, out: out, kernel: 1, bias: true) }
        }
    }

    /// ReLU, then two stride-2 1x1 convolutions, the second on the input shifted by one pixel,
    /// concatenated and batch-normalised (the BatchNorm stays: no convolution precedes it).
    private func factorizedReduce(_ b: inout NetworkBuilder, _ x: BuiltValue, out: Int) -> BuiltValue {
        let r = b.scope("relu") { b in b.relu(x) }
        let a = b.scope("conv_1") { b in b.conv(r, out: out / 2, kernel: 1, stride: 2, bias: false) }
        let shifted = b.slice(r, starts: [1, 1], ends: [Int64.max, Int64.max], axes: [2, 3])
        let d = b.scope("conv_2") { b in b.conv(shifted, out: out / 2, kernel: 1, stride: 2, bias: false) }
        let joined = b.concat([a, d])
        return b.scope("bn") { b in b.batchNorm(joined) }
    }
}
