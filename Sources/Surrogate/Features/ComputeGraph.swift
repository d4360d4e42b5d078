import ONNXModel

/// The part of an ONNX graph that actually computes the output from the input, as the
/// features see it. Three generic canonicalisations make functionally equal networks look
/// equal whatever exported them:
/// - dead branches go: a value multiplied by a constant zero carries no information (an
///   exporter keeps `x * 0.0` for a "none" edge), nor do shape computations (`Shape`, `Size`)
///   or nodes whose result never reaches a graph output;
/// - layout-only nodes (Reshape, Flatten, Squeeze, Unsqueeze, Identity, Dropout, Cast), and
///   sums whose other terms are zero, are contracted into their input;
/// - equivalent spellings get one name (`ReduceMean` over the spatial axes is a global
///   average pool, `MatMul` by a constant matrix is a `Gemm`, `Sum` is `Add`).
struct ComputeGraph {
    struct Vertex {
        /// Canonical operator name.
        var op: String
        /// The class of the canonical operator.
        var opClass: OperatorClass = .other
        /// Index of the node in `model.graph.nodes`.
        var node: Int
        /// Producers of the live data inputs, in input order; `-1` is a graph input.
        var predecessors: [Int]
        var successors: [Int] = []
        /// Fixed dims of the first output (batch included), when known.
        var outputShape: [Int]?
        /// Fixed dims of the first live data input, when known.
        var inputShape: [Int]?
        /// Kernel, stride, dilation (first spatial axis) and group of a convolution or pooling.
        var kernel: [Int] = []
        var stride = 1
        var dilation = 1
        var group = 1
        /// Elements of the floating-point initializers this node reads (a Double: a hostile
        /// file's dims must not overflow a count).
        var parameters = 0.0
        /// Multiply-adds (Conv, ConvTranspose, Gemm, MatMul).
        var multiplyAdds = 0.0
        /// Whether the node has learned weights applied by a product (the layers that count
        /// for "depth": convolutions and linear layers).
        var isWeighted: Bool { opClass.isWeighted }
        /// Number of inputs that are constants (initializers, Constant nodes).
        var constantInputs = 0
    }

    /// Reachable, live, non-contracted nodes in topological order.
    var vertices: [Vertex] = []
    /// Vertex producing the (first live) graph output; nil when the output does not depend on
    /// the input at all.
    var outputVertex: Int?
    /// True when some graph output is computed directly from a graph input through
    /// contracted nodes only (no vertex).
    var outputIsInput = false
    /// Every node of the main graph, and those removed as dead or unreachable.
    var totalNodeCount = 0
    var deadNodeCount = 0
    /// Over all nodes, dead ones included (what the zero-cost baselines use).
    var totalParameters = 0.0
    var totalMultiplyAdds = 0.0
    /// Nodes in a cycle or with unknown producers (a malformed file), left out.
    var unorderedNodeCount = 0

    /// Ops whose output is zero when their (data) input is zero.
    static let zeroPreservingOps: Set<String> = [
        "Relu", "LeakyRelu", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "Identity",
        "Dropout", "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Transpose", "Cast", "Pad", "Slice",
        "ReduceMean", "ReduceSum", "ReduceMax", "Tanh", "Gelu", "PRelu", "Elu", "Selu", "HardSwish", "Split",
    ]

    init(model: Model) {
        self.init(model: model, values: ValueTable(model: model))
    }

    init(model: Model, values: ValueTable) {
        let graph = model.graph
        let nodes = graph.nodes
        totalNodeCount = nodes.count
        let valueCount = values.count

        // Per value id: initializer index, graph input flag, producing node.
        var initializerOf = [Int32](repeating: -1, count: valueCount)
        for i in graph.initializers.indices { if let id = values.id(graph.initializers[i].name) { initializerOf[Int(id)] = Int32(i) } }
        var isGraphInput = [Bool](repeating: false, count: valueCount)
        for v in graph.inputs { if let id = values.id(v.name), initializerOf[Int(id)] < 0 { isGraphInput[Int(id)] = true } }
        var producer = [Int32](repeating: -1, count: valueCount)
        for (i, outs) in values.nodeOutputs.enumerated() { for o in outs where o >= 0 { producer[Int(o)] = Int32(i) } }

        let order = GraphRewrites.topologicalOrder(count: nodes.count) { i in
            values.nodeInputs[i].compactMap { x in x >= 0 && producer[Int(x)] >= 0 ? Int(producer[Int(x)]) : nil }
        }
        unorderedNodeCount = nodes.count - order.count

        // Forward: which node outputs depend on the input, which are known zeros.
        var live = [Bool](repeating: false, count: nodes.count)
        var zero = [Bool](repeating: false, count: nodes.count)
        var zeroInitializer = [Int8](repeating: -1, count: graph.initializers.count)
        func isZeroConstant(_ id: Int32) -> Bool {
            guard id >= 0 else { return false }
            let p = producer[Int(id)]
            if p >= 0 { return zero[Int(p)] }
            let t = Int(initializerOf[Int(id)])
            guard t >= 0 else { return false }
            if zeroInitializer[t] >= 0 { return zeroInitializer[t] == 1 }
            // Only small tensors are read: a zero scale is a scalar, not a weight matrix.
            let tensor = graph.initializers[t]
            var z = false
            if (tensor.elementCount ?? 0) <= 16, tensor.payloadByteCount > 0, let v = try? tensor.doubleValues() {
                z = !v.isEmpty && v.allSatisfy { $0 == 0 }
            }
            zeroInitializer[t] = z ? 1 : 0
            return z
        }
        // A stored float scalar whose value the file does not carry: weight-stripped benchmark
        // files (ONNX-Bench) drop every payload, and a stored scalar multiplier in a convnet
        // export is the zero of a "none" edge (`x * 0.0`). Read as unknown, it made such files
        // look unlike any trained network (out of distribution, 20 points off on NB201).
        func isStrippedScalar(_ id: Int32) -> Bool {
            guard id >= 0, producer[Int(id)] < 0, initializerOf[Int(id)] >= 0 else { return false }
            let tensor = graph.initializers[Int(initializerOf[Int(id)])]
            return tensor.elementCount == 1 && tensor.payloadByteCount == 0 && !tensor.isExternal && tensor.dataType.isFloatingPoint
        }
        func isLive(_ id: Int32) -> Bool {
            guard id >= 0 else { return false }
            let p = producer[Int(id)]
            return p >= 0 ? live[Int(p)] : isGraphInput[Int(id)]
        }
        let classes = nodes.indices.map { OperatorClass.of(nodes[$0].opType) }
        for i in order {
            let inputs = values.nodeInputs[i]
            let anyLive = inputs.contains(where: isLive)
            switch classes[i] {
            case .constant:
                if let t = nodes[i].attribute("value")?.t, (t.elementCount ?? 0) <= 16, let v = try? t.doubleValues() {
                    zero[i] = !v.isEmpty && v.allSatisfy { $0 == 0 }
                }
            case .shapeOnly:
                break
            case .mul, .matMul, .gemm:
                if inputs.prefix(2).contains(where: isZeroConstant)
                    || (classes[i] == .mul && inputs.prefix(2).contains(where: isStrippedScalar)) {
                    zero[i] = classes[i] != .gemm || inputs.count < 3
                } else {
                    live[i] = anyLive
                }
            case .add, .concat:
                live[i] = anyLive
                zero[i] = !inputs.isEmpty && inputs.allSatisfy(isZeroConstant)
            default:
                live[i] = anyLive
                if let first = inputs.first, isZeroConstant(first), Self.zeroPreservingOps.contains(nodes[i].opType) {
                    zero[i] = true
                }
            }
            if zero[i] { live[i] = false }
        }

        // Backward: nodes whose live output reaches a graph output.
        var needed = [Bool](repeating: false, count: valueCount)
        for o in graph.outputs { if let id = values.id(o.name), isLive(id) { needed[Int(id)] = true } }
        var useful = [Bool](repeating: false, count: nodes.count)
        for i in order.reversed() where live[i] {
            guard values.nodeOutputs[i].contains(where: { $0 >= 0 && needed[Int($0)] }) else { continue }
            useful[i] = true
            for x in values.nodeInputs[i] where isLive(x) { needed[Int(x)] = true }
        }

        // Parameters and multiply-adds of every node (for the totals) and vertices.
        var vertexOf = [Int](repeating: -2, count: nodes.count)  // -2: none; -1: graph input
        func resolve(_ id: Int32) -> Int {
            let p = producer[Int(id)]
            return p >= 0 ? vertexOf[Int(p)] : -1
        }
        for i in order {
            let inputs = values.nodeInputs[i]
            var v = Vertex(op: classes[i] == .add ? "Add" : nodes[i].opType, node: i, predecessors: [])
            v.opClass = classes[i]
            let weighted = classes[i].isWeighted
            for (position, x) in inputs.enumerated() where x >= 0 {
                let t = Int(initializerOf[Int(x)])
                if t >= 0 {
                    v.constantInputs += 1
                    if graph.initializers[t].dataType.isFloatingPoint {
                        v.parameters += graph.initializers[t].dims.reduce(1.0) { $0 * Double(max($1, 0)) }
                    }
                } else if !isLive(x) {
                    // Stored constants only: a value computed from dead branches (a bias left
                    // by a convolution of zeros) is not an operand the architecture chose
                    // (measured: counting those costs 0.004 Kendall tau on nb201-1pct).
                    if producer[Int(x)] >= 0, classes[Int(producer[Int(x)])] == .constant { v.constantInputs += 1 }
                    // Weights computed by constant nodes (Constant, ConstantOfShape, a folded
                    // subgraph) are parameters too: count them from their shape.
                    if weighted, position > 0 || classes[i] == .matMul, let dims = values[x] {
                        v.parameters += dims.reduce(1.0) { $0 * Double(max($1, 0)) }
                    }
                }
            }
            if classes[i].isDescribed {
                Self.describe(&v, node: nodes[i], inputs: inputs, outputs: values.nodeOutputs[i], values: values,
                              initializerOf: initializerOf, graph: graph)
            } else {
                v.outputShape = values.nodeOutputs[i].first.flatMap { values[$0] }
                v.inputShape = inputs.first.flatMap { values[$0] }
            }
            totalParameters += v.parameters
            totalMultiplyAdds += v.multiplyAdds
            guard useful[i] else { continue }
            let liveInputs = inputs.filter(isLive)
            // x + 0 is x: a merge with branches that were multiplied by zero is no merge.
            let addsOnlyZeros = classes[i] == .add && inputs.allSatisfy { $0 < 0 || isLive($0) || isZeroConstant($0) }
            if (classes[i] == .layout || addsOnlyZeros), liveInputs.count == 1 {
                vertexOf[i] = resolve(liveInputs[0])
                continue
            }
            v.predecessors = liveInputs.map(resolve).filter { $0 >= -1 }
            vertexOf[i] = vertices.count
            vertices.append(v)
        }
        for k in vertices.indices {
            for p in vertices[k].predecessors where p >= 0 { vertices[p].successors.append(k) }
        }
        deadNodeCount = nodes.count - useful.lazy.filter { $0 }.count
        for o in graph.outputs {
            guard let id = values.id(o.name), isLive(id) else { continue }
            let r = resolve(id)
            if r >= 0 { outputVertex = r; break }
            if r == -1 { outputIsInput = true }
        }
    }

    /// Canonical op name, kernel facts, parameters and multiply-adds of one node.
    static func describe(_ v: inout Vertex, node n: Node, inputs: [Int32], outputs: [Int32], values: ValueTable,
                         initializerOf: [Int32], graph: Graph) {
        let out = outputs.first.flatMap { values[$0] }
        v.outputShape = out
        v.inputShape = inputs.first.flatMap { values[$0] }
        // Attributes are read in place: `Node.attribute(_:)` would copy the whole Attribute.
        func ints(_ name: String) -> [Int]? {
            for k in n.attributes.indices where n.attributes[k].name == name { return n.attributes[k].ints.map { Int(clamping: $0) } }
            return nil
        }
        func int(_ name: String) -> Int? {
            for k in n.attributes.indices where n.attributes[k].name == name { return n.attributes[k].i.map { Int(clamping: $0) } }
            return nil
        }
        func initializerIndex(_ position: Int) -> Int? {
            guard position < inputs.count, inputs[position] >= 0 else { return nil }
            let t = Int(initializerOf[Int(inputs[position])])
            return t >= 0 ? t : nil
        }
        func weightDims(_ position: Int) -> [Int]? {
            if let t = initializerIndex(position) { return graph.initializers[t].dims.map { Int(clamping: $0) } }
            return position < inputs.count ? values[inputs[position]] : nil
        }
        let outElements = out.map { $0.reduce(1.0) { $0 * Double(max($1, 0)) } }
        switch n.opType {
        case "Conv", "ConvTranspose", "ConvInteger", "QLinearConv":
            let wPos = n.opType == "QLinearConv" ? 3 : 1
            let w = weightDims(wPos)
            v.op = n.opType == "ConvTranspose" ? "ConvTranspose" : "Conv"
            v.kernel = ints("kernel_shape") ?? (w.map { Array($0.dropFirst(2)) } ?? [])
            v.stride = ints("strides")?.first ?? 1
            v.dilation = ints("dilations")?.first ?? 1
            v.group = max(1, int("group") ?? 1)
            if let w, w.count >= 2 {
                let perOutput = w.dropFirst().reduce(1.0) { $0 * Double(max($1, 0)) }
                if n.opType == "ConvTranspose" {
                    if let inp = v.inputShape { v.multiplyAdds = inp.reduce(1.0) { $0 * Double(max($1, 0)) } * perOutput }
                } else if let outElements {
                    v.multiplyAdds = outElements * perOutput
                }
            }
        case "MaxPool", "AveragePool", "LpPool":
            v.kernel = ints("kernel_shape") ?? []
            v.stride = ints("strides")?.first ?? 1
            v.dilation = ints("dilations")?.first ?? 1
        case "ReduceMean", "ReduceMax":
            // A reduction over every spatial axis is a global pooling, however it is spelled.
            var axes = ints("axes")
            if axes == nil, let t = initializerIndex(1) {
                axes = (try? graph.initializers[t].int64Values())?.map { Int(clamping: $0) }
            }
            if let rank = v.inputShape?.count, rank >= 3, let axes {
                let normalized = Set(axes.map { $0 < 0 ? $0 + rank : $0 })
                if normalized == Set(2..<rank) {
                    v.op = n.opType == "ReduceMean" ? "GlobalAveragePool" : "GlobalMaxPool"
                    v.opClass = .globalPool
                }
            }
        case "Gemm", "MatMul", "MatMulInteger", "QLinearMatMul":
            let a = weightDims(0)
            let bPos = n.opType == "QLinearMatMul" ? 3 : 1
            if n.opType == "MatMul", initializerIndex(bPos) != nil { v.op = "Gemm"; v.opClass = .gemm }
            if n.opType == "QLinearMatMul" { v.op = "MatMul" }
            var k: Int?
            if let a, !a.isEmpty {
                if n.opType == "Gemm" {
                    k = (int("transA") ?? 0) != 0 ? a.first : a.last
                } else {
                    k = a.last
                }
            } else if let b = weightDims(bPos), b.count >= 2 {
                k = n.opType == "Gemm" && (int("transB") ?? 0) != 0 ? b[b.count - 1] : b[b.count - 2]
            }
            if let k, let outElements { v.multiplyAdds = outElements * Double(max(k, 0)) }
        default:
            break
        }
    }
}
