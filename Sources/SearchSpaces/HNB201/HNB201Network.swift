/// An hNB201 architecture as the original builds it for CIFAR-10: the derivation composed into
/// nested topologies, flattened, pruned of zero edges, given channel counts (16 after the
/// stem, doubled by every ResNet block) and wrapped in the stem (Conv 3x3 + BN) and the
/// output block (BN, ReLU, global average pooling, flatten, Linear 64 -> 10).
struct HNB201Network {
    static let baseChannels = 16
    static let inputSize = 32
    static let classes = 10

    /// The pruned graph with the stem and output edges added.
    let graph: HNB201FlatGraph
    /// Channels and spatial size of the tensor at each node.
    let channels: [Int: Int]
    let resolution: [Int: Int]
    let stemSource: Int

    init(_ derivation: Derivation) throws(SearchSpaceError) {
        var g = HNB201FlatGraph.flattening(Self.function(derivation))
        try g.prune(zero: HNB201Grammar.zero)
        let order = g.lexicographicalTopologicalOrder()
        guard let source = order.first, let sink = order.last else {
            throw SearchSpaceError(space: HNB201Space.id, "the network is empty")
        }
        var channels: [Int: Int] = [source: Self.baseChannels]
        var resolution: [Int: Int] = [source: Self.inputSize]
        for n in order.dropFirst() {
            var seen: (Int, Int)?
            for p in g.predecessors[n]! {
                let down = g.operations[.init(from: p, to: n)] == "resBlock"
                let c = down ? 2 * channels[p]! : channels[p]!
                let r = down ? (resolution[p]! - 1) / 2 + 1 : resolution[p]!
                if let seen, seen != (c, r) {
                    throw SearchSpaceError(space: HNB201Space.id, "inputs of different widths meet at a node (\(seen.0) and \(c) channels)")
                }
                seen = (c, r)
            }
            channels[n] = seen!.0
            resolution[n] = seen!.1
        }
        guard channels[sink] == Self.baseChannels * 4 else {
            throw SearchSpaceError(space: HNB201Space.id, "the output has \(channels[sink]!) channels, expected \(Self.baseChannels * 4)")
        }
        let top = g.maxNode!
        g.addNode(top + 1)
        g.addNode(top + 2)
        g.addEdge(top + 1, source, operation: "Stem")
        g.addEdge(sink, top + 2, operation: "Out")
        channels[top + 1] = 3
        resolution[top + 1] = Self.inputSize
        channels[top + 2] = Self.classes
        resolution[top + 2] = 1
        self.graph = g
        self.channels = channels
        self.resolution = resolution
        self.stemSource = top + 1
    }

    /// The derivation as NePS composes it.
    static func function(_ d: Derivation) -> HNB201FlatGraph.Function {
        let p = HNB201Grammar.grammar.productions[d.production]
        guard let head = p.head, HNB201Grammar.topologies[head] != nil else { return .primitive(p.head ?? "") }
        var child = 0
        var values: [HNB201FlatGraph.Function] = []
        for symbol in p.rhs.dropFirst() {
            if symbol.isTerminal {
                values.append(.primitive(symbol.name))
            } else {
                values.append(function(d.children[child]))
                child += 1
            }
        }
        return .topology(head, values)
    }

    // MARK: the traced network

    /// The forward pass NePS generates: nodes in lexicographical topological order; at each,
    /// the sum of its inputs (in the order they were computed), then every outgoing edge's
    /// operation (`module_list.i`, numbered in that order, identity edges included).
    func traced() -> TracedNetwork {
        var net = TracedNetwork(inputShape: [1, 3, Self.inputSize, Self.inputSize])
        var incoming: [Int: [Int]] = [stemSource: [net.input]]
        var module = 0
        for n in graph.lexicographicalTopologicalOrder() {
            let inputs = incoming[n] ?? []
            var x = inputs[0]
            for v in inputs.dropFirst() { x = net.apply(.add, [x, v], scope: [])[0] }
            net.output = x
            for s in graph.successors[n]! {
                let op = graph.operations[.init(from: n, to: s)]!
                let y = lower(op, x, channels: channels[n]!, size: resolution[n]!, scope: ["module_list.\(module)"], into: &net)
                module += 1
                incoming[s, default: []].append(y)
            }
        }
        return net
    }

    private func lower(_ op: String, _ x: Int, channels c: Int, size h: Int, scope s: [String],
                       into net: inout TracedNetwork) -> Int {
        switch op {
        case "Stem":
            let y = net.apply1(.conv(outChannels: Self.baseChannels, kernel: 3, stride: 1, padding: 1, groups: 1, bias: false),
                               x, scope: s + ["seq", "seq.0"])
            return net.apply1(.batchNorm, y, scope: s + ["seq", "seq.1"])
        case "avg_pool":
            return net.apply1(.averagePool(kernel: 3, stride: 1, padding: 1, countIncludePad: false), x, scope: s + ["op"])
        case "resBlock":
            let a = reluConvBN(x, out: 2 * c, kernel: 3, stride: 2, scope: s + ["conv_a", "op"], into: &net)
            let b = reluConvBN(a, out: 2 * c, kernel: 3, stride: 1, scope: s + ["conv_b", "op"], into: &net)
            var r = net.apply1(.averagePool(kernel: 2, stride: 2, padding: 0, countIncludePad: true), x,
                               scope: s + ["downsample", "downsample.0"])
            r = net.apply1(.conv(outChannels: 2 * c, kernel: 1, stride: 1, padding: 0, groups: 1, bias: false), r,
                           scope: s + ["downsample", "downsample.1"])
            return net.apply(.add, [r, b], scope: s)[0]
        case "relu": return net.apply1(.relu, x, scope: s + ["act"])
        case "hardswish": return net.apply1(.hardSwish, x, scope: s + ["act"])
        case "mish": return net.apply1(.mish, x, scope: s + ["act"])
        case "conv3x3o":
            return net.apply1(.conv(outChannels: c, kernel: 3, stride: 1, padding: 1, groups: 1, bias: false), x, scope: s + ["conv"])
        case "conv1x1o":
            return net.apply1(.conv(outChannels: c, kernel: 1, stride: 1, padding: 0, groups: 1, bias: false), x, scope: s + ["conv"])
        case "dconv3x3o":
            return net.apply1(.conv(outChannels: c, kernel: 3, stride: 1, padding: 1, groups: c, bias: false), x, scope: s + ["conv"])
        case "batch": return net.apply1(.batchNorm, x, scope: s + ["norm"])
        case "instance": return net.apply1(.instanceNorm, x, scope: s + ["norm"])
        case "layer": return net.apply1(.layerNorm(normalizedShape: [c, h, h]), x, scope: s + ["norm"])
        case "Out":
            var y = net.apply1(.batchNorm, x, scope: s + ["op", "op.0"])
            y = net.apply1(.relu, y, scope: s + ["op", "op.1"])
            y = net.apply1(.globalAveragePool, y, scope: s + ["op", "op.2"])
            y = net.apply1(.flatten(axis: 1), y, scope: s + ["op", "op.3"])
            return net.apply1(.gemm(outFeatures: Self.classes), y, scope: s + ["op", "op.4"])
        default: // "id"
            return x
        }
    }

    /// `ReLUConvBN`: ReLU, Conv without bias, BatchNorm (folded into the Conv later).
    private func reluConvBN(_ x: Int, out: Int, kernel: Int, stride: Int, scope s: [String], into net: inout TracedNetwork) -> Int {
        let r = net.apply1(.relu, x, scope: s + ["op.0"])
        let y = net.apply1(.conv(outChannels: out, kernel: kernel, stride: stride, padding: kernel / 2, groups: 1, bias: false),
                           r, scope: s + ["op.1"])
        return net.apply1(.batchNorm, y, scope: s + ["op.2"])
    }

    /// The order the network runs in, `Stem|avg_pool|sum2|...`: per node (lexicographical
    /// topological order) `sumK` when K inputs meet, then its outgoing edges' operations.
    var traversalSignature: String {
        var parts: [String] = []
        for n in graph.lexicographicalTopologicalOrder() {
            let k = graph.predecessors[n]!.count
            if k > 1 { parts.append("sum\(k)") }
            for s in graph.successors[n]! { parts.append(graph.operations[.init(from: n, to: s)]!) }
        }
        return parts.joined(separator: "|")
    }

    // MARK: counts of the PyTorch network

    /// Trainable parameters: convolution weights, affine norm parameters (LayerNorm's over
    /// C x H x W, created at the first forward pass), the classifier.
    var parameterCount: Int { costs.parameters }

    /// Multiply-adds of the convolutions and the classifier for one image.
    var flops: Int { costs.flops }

    private var costs: (parameters: Int, flops: Int) {
        var params = 0, macs = 0
        for e in graph.edges {
            let c = channels[e.from]!, h = resolution[e.from]!
            switch graph.operations[e]! {
            case "Stem":
                params += 3 * Self.baseChannels * 9 + 2 * Self.baseChannels
                macs += h * h * Self.baseChannels * 3 * 9
            case "resBlock":
                let o = h / 2
                params += 9 * c * 2 * c + 4 * c + 9 * 4 * c * c + 4 * c + 2 * c * c
                macs += o * o * (2 * c * c * 9 + 4 * c * c * 9 + 2 * c * c)
            case "conv3x3o": params += 9 * c * c; macs += h * h * c * c * 9
            case "conv1x1o": params += c * c; macs += h * h * c * c
            case "dconv3x3o": params += 9 * c; macs += h * h * c * 9
            case "batch", "instance": params += 2 * c
            case "layer": params += 2 * c * h * h
            case "Out":
                params += 2 * c + c * Self.classes + Self.classes
                macs += c * Self.classes
            default: break
            }
        }
        return (params, macs)
    }
}
