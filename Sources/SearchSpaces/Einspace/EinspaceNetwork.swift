/// Traces an einspace derivation the way the original compiles and runs it: `Compiler`
/// (modules from the derivation, then `convolutionise`, which turns every routing module
/// `im2col -> linear -> col2im` into one `nn.Conv2d`) inside `Network` (identity stem; head
/// = mean over the spatial or feature axis, then Linear to 10 classes). Node scopes follow the
/// module attributes (`backbone/first_fn/inner_fn.1/computation_fn/fn`).
struct EinspaceNetwork {
    static let inputShape = [1, 3, 32, 32]

    private let grammar = EinspaceGrammar.grammar
    private(set) var net = TracedNetwork(inputShape: EinspaceNetwork.inputShape)

    init(_ derivation: Derivation) {
        var y = module(derivation, net.input, scope: ["backbone"])
        let shape = net.shape(of: y)
        y = net.apply1(.reduceMean(axes: shape.count == 4 ? [2, 3] : [2], keepDims: false), y, scope: ["head", "head.0"])
        net.output = net.apply1(.gemm(outFeatures: EinspaceRules.classes), y, scope: ["head", "head.1"])
    }

    private func name(_ d: Derivation) -> String { grammar.productions[d.production].head ?? "" }

    private mutating func module(_ d: Derivation, _ x: Int, scope: [String]) -> Int {
        let p = grammar.productions[d.production]
        switch p.head {
        case "sequential_module":
            let y = module(d.children[0], x, scope: scope + ["first_fn"])
            return module(d.children[1], y, scope: scope + ["second_fn"])
        case "branching_module":
            let factor = EinspaceRules.branchingFactor(p)
            let branches = branch(name(d.children[0]), x, factor: factor, scope: scope + ["branching_fn"])
            let inner = (0..<factor).map { i in
                module(d.children[factor == 2 ? 1 + i : 1], branches[i], scope: scope + ["inner_fn.\(i)"])
            }
            return aggregate(name(d.children[d.children.count - 1]), inner, scope: scope + ["aggregation_fn"])
        case "routing_module":
            let pre = name(d.children[0]), post = name(d.children[2])
            let inner = grammar.productions[d.children[1].production]
            if let (k, s, pad) = EinspaceGrammar.im2col(pre), post == "col2im", inner.head == "computation_module",
               let width = EinspaceGrammar.linearWidth(name(d.children[1].children[0])) {
                // convolutionise: the routing module becomes nn.Conv2d(C, width, k, s, pad) with bias.
                return net.apply1(.conv(outChannels: width, kernel: k, stride: s, padding: pad, groups: 1, bias: true),
                                  x, scope: scope)
            }
            let (y, fold) = preroute(pre, x, scope: scope + ["prerouting_fn"])
            let z = module(d.children[1], y, scope: scope + ["inner_fn"])
            return postroute(post, z, fold: fold, scope: scope + ["postrouting_fn"])
        default: // computation_module
            return compute(name(d.children[0]), x, scope: scope + ["computation_fn"])
        }
    }

    private mutating func compute(_ name: String, _ x: Int, scope: [String]) -> Int {
        let s = net.shape(of: x)
        if let width = EinspaceGrammar.linearWidth(name) {
            let y = net.apply1(.linearWeight(inFeatures: s[s.count - 1], outFeatures: width), x, scope: scope + ["fn"])
            return net.apply1(.linearBias(features: width), y, scope: scope + ["fn"])
        }
        switch name {
        case "norm":
            // EinNorm: BatchNorm2d over channels for images, LayerNorm over features for tokens.
            return net.apply1(s.count == 4 ? .batchNorm : .layerNorm(normalizedShape: [s[s.count - 1]]), x, scope: scope + ["fn"])
        case "leakyrelu": return net.apply1(.leakyRelu(alpha: 0.01), x, scope: scope)
        case "softmax": return net.apply1(.softmax(axis: -1), x, scope: scope)
        case "learnable_positional_encoding": return net.apply1(.positionalEncoding, x, scope: scope)
        default: return x // identity
        }
    }

    /// Clones are the same tensor (the exporter drops `torch.clone`); groups are one Split.
    private mutating func branch(_ name: String, _ x: Int, factor: Int, scope: [String]) -> [Int] {
        guard let (k, d) = EinspaceGrammar.groupDim(name) else { return Array(repeating: x, count: factor) }
        let size = net.shape(of: x)[d] / k
        return net.apply(.split(axis: d, sizes: Array(repeating: size, count: k)), [x], scope: scope)
    }

    private mutating func aggregate(_ name: String, _ xs: [Int], scope: [String]) -> Int {
        switch name {
        case "dot_product", "scaled_dot_product":
            let y = net.apply(.matMul, [xs[0], xs[1]], scope: scope)[0]
            guard name == "scaled_dot_product" else { return y }
            let d = net.shape(of: xs[0]).last!
            return net.apply1(.scale(1 / Float(d).squareRoot()), y, scope: scope)
        case "add_tensors":
            // torch.stack(tensors).sum(0)
            let stacked = xs.map { net.apply1(.unsqueeze(axes: [0]), $0, scope: scope) }
            let c = net.apply(.concat(axis: 0), stacked, scope: scope)[0]
            return net.apply1(.reduceSum(axes: [0], keepDims: false), c, scope: scope)
        default:
            let (dim, _) = EinspaceGrammar.catTensors(name)!
            return net.apply(.concat(axis: dim), xs, scope: scope)[0]
        }
    }

    /// `Im2Col`: `nn.Unfold` as the exporter writes it (pad, gather rows, gather columns,
    /// transpose, reshape to `[B, C*k*k, L]`), then `permute(0, 2, 1)`.
    private mutating func preroute(_ name: String, _ x: Int, scope: [String]) -> (Int, [Int]?) {
        if let perm = EinspaceGrammar.permutation(name) {
            return (net.apply1(.transpose(perm: perm), x, scope: scope), nil)
        }
        guard let (k, s, p) = EinspaceGrammar.im2col(name) else { return (x, nil) }
        let shape = net.shape(of: x)
        let oh = (shape[2] + 2 * p - k) / s + 1, ow = (shape[3] + 2 * p - k) / s + 1
        let unfold = scope + ["unfold"]
        var y = x
        if p > 0 { y = net.apply1(.pad(pads: [0, 0, p, p, 0, 0, p, p]), y, scope: unfold) }
        func windows(_ count: Int) -> [Int] { (0..<k).flatMap { i in (0..<count).map { j in j * s + i } } }
        y = net.apply1(.gather(axis: 2, indices: windows(oh), indicesShape: [k, oh]), y, scope: unfold)
        y = net.apply1(.gather(axis: 4, indices: windows(ow), indicesShape: [k, ow]), y, scope: unfold)
        y = net.apply1(.transpose(perm: [0, 1, 2, 4, 3, 5]), y, scope: unfold)
        y = net.apply1(.reshape(shape: [shape[0], shape[1] * k * k, -1]), y, scope: unfold)
        return (net.apply1(.transpose(perm: [0, 2, 1]), y, scope: scope), [oh, ow])
    }

    /// `Col2Im`: `x.permute(0, 2, 1).reshape(B, -1, oh, ow)`.
    private mutating func postroute(_ name: String, _ x: Int, fold: [Int]?, scope: [String]) -> Int {
        if let perm = EinspaceGrammar.permutation(name) {
            return net.apply1(.transpose(perm: perm), x, scope: scope)
        }
        guard name == "col2im", let fold else { return x }
        let y = net.apply1(.transpose(perm: [0, 2, 1]), x, scope: scope)
        return net.apply1(.reshape(shape: [net.shape(of: x)[0], -1, fold[0], fold[1]]), y, scope: scope)
    }
}
