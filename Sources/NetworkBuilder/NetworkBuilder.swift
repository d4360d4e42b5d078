import ONNXModel
import ONNXNetSupport

/// A value flowing through a network being built. `channels` is known by construction (it
/// sizes the next layer's weights); full shapes come from shape inference at the end.
public struct BuiltValue: Sendable, Equatable {
    public let name: String
    public let channels: Int
    public init(name: String, channels: Int) { self.name = name; self.channels = channels }
}

/// Emits an ONNX graph the way PyTorch's eval-mode export followed by onnx-simplifier would:
/// nodes in call order, BatchNorm folded into the preceding convolution (a Conv with bias),
/// constants as initializers, names in PyTorch's scoped style, identical parameter-free nodes
/// computed once (on request: see `node` and `finish`), nothing left that the output does not
/// need.
///
/// Search spaces describe their networks only through this type, so that every space's
/// ONNX files follow the same conventions.
public struct NetworkBuilder {
    public let opset: Int64
    public let weights: WeightMode
    public private(set) var nodes: [Node] = []
    public private(set) var initializers: [Tensor] = []
    public private(set) var input: BuiltValue
    private let inputShape: [Int64]
    private var scopes: [String] = []
    /// `scopes` joined up to each depth (`/net/cells.0` for nodes, `net.cells.0` for
    /// parameters), filled when a name first needs them, so names cost one append.
    private var nodePaths: [String?] = [""]
    private var parameterPaths: [String?] = [""]
    private var initializerNames: Set<String> = []
    private var opCounters: [String: Int] = [:]
    private var rng: SeededGenerator
    private var initializerCount = 0
    /// Whether `node` merges identical parameter-free nodes unless told otherwise.
    public let mergesIdenticalNodes: Bool
    /// Outputs of the parameter-free nodes emitted so far, by signature (the merge of `node`).
    private var emitted: [NodeSignature: [String]] = [:]
    /// By-value form of the small int64 constants, so that equal constants under two names
    /// still merge their readers.
    private var constantInputs: [String: NodeSignature.Input] = [:]
    /// Names of the constants shared by value (`shared:` of `int64Constant`, `floatScalar`).
    private var sharedConstants: [Tensor: String] = [:]

    /// `mergesIdenticalNodes`: every parameter-free node identical to one already emitted
    /// becomes that node (see `node`).
    public init(inputChannels: Int = 3, inputSize: Int = 32, batch: Int = 1, opset: Int64 = 17,
                weights: WeightMode = .random(seed: 0), inputName: String = "input",
                mergesIdenticalNodes: Bool = false) {
        self.opset = opset
        self.mergesIdenticalNodes = mergesIdenticalNodes
        self.weights = weights
        self.inputShape = [Int64(batch), Int64(inputChannels), Int64(inputSize), Int64(inputSize)]
        self.input = BuiltValue(name: inputName, channels: inputChannels)
        if case .random(let seed) = weights { rng = SeededGenerator(seed: seed) } else { rng = SeededGenerator(seed: 0) }
    }

    // MARK: scopes and names

    /// Runs `body` with `name` pushed on the module path (`/net/cells.3/...` in node names).
    public mutating func scope<R>(_ name: String, _ body: (inout NetworkBuilder) throws -> R) rethrows -> R {
        scopes.append(name)
        nodePaths.append(nil)
        parameterPaths.append(nil)
        defer { scopes.removeLast(); nodePaths.removeLast(); parameterPaths.removeLast() }
        return try body(&self)
    }

    /// `/a/b` for the current scopes.
    private mutating func nodePath() -> String {
        if let path = nodePaths[scopes.count] { return path }
        var depth = scopes.count
        while nodePaths[depth] == nil { depth -= 1 }
        var path = nodePaths[depth]!
        while depth < scopes.count {
            path += "/" + scopes[depth]
            depth += 1
            nodePaths[depth] = path
        }
        return path
    }

    private mutating func nodeName(_ op: String) -> String {
        let key = nodePath() + "/" + op
        let k = opCounters[key, default: 0]
        opCounters[key] = k + 1
        return k == 0 ? key : key + "_\(k)"
    }

    /// `a.b` for the current scopes (a `/` inside a scope name becomes `.`).
    private mutating func parameterPrefix() -> String {
        if let path = parameterPaths[scopes.count] { return path }
        var depth = scopes.count
        while parameterPaths[depth] == nil { depth -= 1 }
        var path = parameterPaths[depth]!
        while depth < scopes.count {
            let name = scopes[depth]
            let dotted = name.utf8.contains(UInt8(ascii: "/")) ? String(name.map { $0 == "/" ? "." : $0 }) : name
            path += path.isEmpty ? dotted : "." + dotted
            depth += 1
            parameterPaths[depth] = path
        }
        return path
    }

    // MARK: parameters

    /// Adds a float parameter. `fanIn` scales the He-uniform range of random weights; a nil
    /// `fanIn` gives zeros (biases, shifts), `fill` a constant (e.g. BatchNorm scale 1).
    public mutating func parameter(_ suffix: String, dims: [Int64], fanIn: Int? = nil, fill: Float? = nil) -> String {
        initializerCount += 1
        let base = parameterPrefix()
        let name = (base.isEmpty ? "" : base + ".") + suffix
        let unique = initializerNames.contains(name) ? name + "_\(initializerCount)" : name
        initializerNames.insert(unique)
        let count = dims.reduce(1) { $0 * Int($1) }
        switch weights {
        case .shapesOnly:
            var t = Tensor()
            t.name = unique
            t.dataType = .float
            t.dims = dims
            initializers.append(t)
        case .random:
            var values = [Float](repeating: fill ?? 0, count: count)
            if let fanIn, fill == nil {
                let bound = (6.0 / Double(max(fanIn, 1))).squareRoot()
                for i in 0..<count { values[i] = Float((rng.uniform() * 2 - 1) * bound) }
            }
            initializers.append(.float32(name: unique, dims: dims, values: values))
        }
        return unique
    }

    /// Adds an int64 constant (shapes, axes): always stored with its values, as exporters do.
    /// `shared`: one initializer per value among the shared constants, named after its first use.
    public mutating func int64Constant(_ values: [Int64], dims: [Int64]? = nil, name: String? = nil,
                                       shared: Bool = false) -> String {
        constant(shared: shared, name: name) { .int64(name: $0, dims: dims ?? [Int64(values.count)], values: values) }
    }

    /// Adds a float scalar constant (for example the 0.0 of a `none` edge). `shared`: one
    /// initializer per value among the shared constants, named after its first use.
    public mutating func floatScalar(_ value: Float, name: String? = nil, shared: Bool = false) -> String {
        constant(shared: shared, name: name) { .float32(name: $0, dims: [], values: [value]) }
    }

    /// Adds the constant `make` builds under its name (`name`, or the exporter's
    /// `/scope/Constant_N_output_0`), or finds the shared one of the same value.
    private mutating func constant(shared: Bool, name: String?, _ make: (String) -> Tensor) -> String {
        var key: Tensor?
        if shared {
            var t = make("")
            t.name = ""
            if let existing = sharedConstants[t] { return existing }
            key = t
        }
        initializerCount += 1
        let n = name ?? "/" + (scopes + ["Constant_\(initializerCount)_output_0"]).joined(separator: "/")
        let tensor = make(n)
        initializers.append(tensor)
        if let key { sharedConstants[key] = n }
        if let byValue = NodeSignature.Input.constant(tensor) { constantInputs[n] = byValue }
        return n
    }

    // MARK: nodes

    /// Appends a node with the given inputs and returns its outputs.
    ///
    /// `merge` (by default `mergesIdenticalNodes`): a parameter-free node identical to one
    /// already emitted (operator, attributes, inputs; small int64 constants compared by value)
    /// is not emitted again; its outputs are the first one's. That is the exporter's
    /// common-subexpression pass, which runs before nodes are named: a merged node takes no
    /// name, so later names count on without a gap. Nodes that read a parameter never merge.
    @discardableResult
    public mutating func node(_ op: String, _ inputs: [String], attributes: [Attribute] = [],
                              outputs: Int = 1, outputName: String? = nil, merge: Bool? = nil) -> [String] {
        var signature: NodeSignature?
        if merge ?? mergesIdenticalNodes, !inputs.contains(where: initializerNames.contains) {
            let key = NodeSignature(Node(opType: op, inputs: inputs, outputs: [], attributes: attributes),
                                    constants: constantInputs)
            if let outs = emitted[key], outs.count == outputs { return outs }
            signature = key
        }
        let name = nodeName(op)
        let outs = (0..<outputs).map { i in outputName.flatMap { i == 0 ? $0 : nil } ?? "\(name)_output_\(i)" }
        nodes.append(Node(opType: op, inputs: inputs, outputs: outs, name: name, attributes: attributes))
        if let signature { emitted[signature] = outs }
        return outs
    }

    /// Uses up the next name of `op` in the current scope without emitting a node: for a node
    /// the exporter named and onnx-simplifier then removed, whose number later names skip.
    public mutating func reserveNodeName(_ op: String) {
        _ = nodeName(op)
    }

    /// Renames the last node's first output (the graph output is called `output`, as the
    /// reference exports name it).
    public mutating func renameLastOutput(to newName: String) {
        guard let last = nodes.indices.last, let old = nodes[last].outputs.first else { return }
        nodes[last].outputs[0] = newName
        for i in nodes.indices { nodes[i].inputs = nodes[i].inputs.map { $0 == old ? newName : $0 } }
    }

    /// Finishes the graph: `output` becomes the graph output (renamed to `outputName`),
    /// nodes and initializers the output does not need are dropped, shapes are inferred and
    /// stored as value_info, as in the simplified exports.
    ///
    /// `mergeIdenticalNodes`: identical nodes merge here, after naming, as onnx-simplifier's
    /// pass does (later names keep their numbers; compare `node(merge:)`). `outputShape`: the
    /// output's float type when shape inference leaves it open (`onnx.checker` wants one).
    public func finish(output: BuiltValue, outputName: String = "output", graphName: String = "main_graph",
                       metadata: [StringPair] = [], mergeIdenticalNodes: Bool = false,
                       outputShape: [Int64]? = nil) -> Model {
        var b = self
        var outName = output.name
        if b.nodes.last?.outputs.first == output.name {
            b.renameLastOutput(to: outputName)
            outName = outputName
        }
        var g = Graph()
        g.name = graphName
        g.nodes = b.nodes
        g.initializers = b.initializers
        g.inputs = [ValueInfo(name: b.input.name, type: .tensor(.float, b.inputShape))]
        g.outputs = [ValueInfo(name: outName, type: nil)]
        if mergeIdenticalNodes { g.mergeIdenticalNodes(constantsByValue: true) }
        g.eliminateDeadCode()
        var model = Model(graph: g, opset: opset, irVersion: 8, producerName: "onnxnet")
        model.producerVersion = "0.1"
        model.metadataProps = metadata
        model = NetworkShapes.annotate(model)
        if let outputShape {
            for i in model.graph.outputs.indices where model.graph.outputs[i].type == nil {
                model.graph.outputs[i].type = .tensor(.float, outputShape)
            }
        }
        return model
    }
}
