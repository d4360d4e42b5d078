import ONNXModel

/// Walks one graph in node order the way ONNX's shape inference does: declared types
/// (inputs, outputs, value_info, initializers) first, then each node's rule; inferred types
/// merge into declared ones; unknown dims get fresh symbols; constants are tracked so that
/// later rules can read them.
final class GraphInference {
    let graph: Graph
    let opsets: [String: Int64]
    let irVersion: Int64
    let options: ShapeInference.Options
    let symbols: SymbolTable
    /// Shared by a graph and all its subgraphs and function bodies: nested If/Loop bodies can
    /// multiply the work exponentially, so subgraph inference stops when it runs out.
    let budget: WorkBudget
    let depth: Int
    /// The enclosing graph's inference, for subgraphs (If/Loop/Scan bodies see outer values).
    private let outer: GraphInference?

    /// The graph's value names as dense ids: types are kept in an array indexed by id.
    let ids: GraphValueIDs

    // The hot fields below are accessed for every node and never while another access to
    // them is open, so their dynamic exclusivity checks are switched off.
    /// Tensor type per value id (`.placeholder` = none).
    @exclusivity(unchecked) private(set) var typeByID: [InferredType]
    @exclusivity(unchecked) private(set) var otherTypes: [String: TypeProto] = [:]
    /// Names declared with a type proto that holds no type; inference fills them in place.
    @exclusivity(unchecked) private var declaredWithoutType: Set<String> = []
    @exclusivity(unchecked) private(set) var inferredOrder: [String] = []
    private(set) var warnings: [String] = []
    private var unsupportedReported: Set<String> = []
    /// Partial data propagation: known contents of small int64 shape tensors.
    @exclusivity(unchecked) private(set) var shapeData: [String: [Dimension]] = [:]
    @exclusivity(unchecked) private var nodeConstants: [String: Tensor] = [:]
    @exclusivity(unchecked) private var initializerIndex: [String: Int]?
    @exclusivity(unchecked) private var constantLookups = 0

    init(graph: Graph, opsets: [String: Int64], irVersion: Int64, options: ShapeInference.Options,
         symbols: SymbolTable, budget: WorkBudget = WorkBudget(), depth: Int = 0, outer: GraphInference? = nil,
         ids: GraphValueIDs? = nil) {
        self.graph = graph
        let ids = ids ?? GraphValueIDs(graph)
        self.ids = ids
        self.typeByID = Array(repeating: .placeholder, count: ids.count)
        self.budget = budget
        self.opsets = opsets
        self.irVersion = irVersion
        self.options = options
        self.symbols = symbols
        self.depth = depth
        self.outer = outer
    }

    // MARK: Running

    /// Registers declared types, then infers every node. `inputOverrides` are the types an
    /// enclosing node gives a subgraph's inputs.
    func run(inputOverrides: [InferredType?]? = nil, materializeInputs: Bool = true) throws(InferenceFailure) {
        // The root graph (and, through it, every subgraph) lists the symbols new names avoid.
        if depth == 0 { symbols.noteExisting(in: graph) }
        for i in graph.valueInfo.indices { declare(graph.valueInfo[i].name, id: ids.valueInfo[i], graph.valueInfo[i].type) }
        for i in graph.inputs.indices { declare(graph.inputs[i].name, id: ids.graphInputs[i], graph.inputs[i].type) }
        for i in graph.outputs.indices { declare(graph.outputs[i].name, id: ids.graphOutputs[i], graph.outputs[i].type) }
        if let overrides = inputOverrides {
            for i in graph.inputs.indices where i < overrides.count {
                guard var t = overrides[i] else { continue }
                let id = ids.graphInputs[i]
                if !typeByID[id].isPlaceholder {
                    var declared = typeByID[id]
                    try TypeMerging.merge(t, into: &declared)
                    t = declared
                }
                if materializeInputs { symbols.materialize(&t) }
                typeByID[id] = t
            }
        }
        // IR < 4 lists every initializer among the inputs; only from IR 4 do they carry types
        // of their own. A declared input type takes precedence.
        if irVersion >= 4 {
            for i in graph.initializers.indices {
                let name = graph.initializers[i].name
                if !otherTypes.isEmpty, otherTypes[name] != nil { continue }
                let id = ids.initializers[i]
                if typeByID[id].isPlaceholder {
                    typeByID[id] = InferredType(elementType: graph.initializers[i].dataType, shape: TensorShape(fixed: graph.initializers[i].dims))
                }
            }
        }
        graph.nodes.withUnsafeBufferPointer { nodes in
            guard let base = nodes.baseAddress else { return }
            for i in 0..<nodes.count { process(base + i, index: i) }
        }
    }

    private func declare(_ name: String, id: Int, _ type: TypeProto?) {
        guard let type else { return }
        switch type.value {
        case let .tensor(e, s): typeByID[id] = InferredType(elementType: e, shape: s)
        case .none: declaredWithoutType.insert(name)
        default: otherTypes[name] = type
        }
    }

    // MARK: Nodes

    /// Scratch arrays handed to each node's context and taken back, so that processing a node
    /// allocates nothing for them.
    @exclusivity(unchecked) private var inputScratch: [InputInfo] = []
    @exclusivity(unchecked) private var outputScratch: [InferredType?] = []

    /// Rules already looked up (graphs use few operator types; comparing short names is
    /// cheaper than hashing them).
    @exclusivity(unchecked) private var ruleCache: [(opType: String, rule: OperatorRule?)] = []
    private lazy var defaultOpset: Int64? = opsets[""] ?? opsets["ai.onnx"]

    private func cachedRule(_ opType: String) -> OperatorRule? {
        for i in ruleCache.indices where ruleCache[i].opType == opType { return ruleCache[i].rule }
        let rule = OperatorRegistry.rule(domain: "", opType: opType)
        if ruleCache.count < 64 { ruleCache.append((opType, rule)) }
        return rule
    }

    private func process(_ nodeAddress: UnsafePointer<Node>, index: Int) {
        let domainName = nodeAddress.pointee.domain
        let domain = domainName == "ai.onnx" ? "" : domainName
        guard let version = domain.isEmpty ? defaultOpset : opsets[domain] else {
            warn(nodeAddress.pointee, "no opset import for its domain")
            return
        }
        let found = domain.isEmpty ? cachedRule(nodeAddress.pointee.opType)
                                   : OperatorRegistry.rule(domain: domain, opType: nodeAddress.pointee.opType)
        guard let rule = found, version >= rule.since else {
            reportUnsupported(nodeAddress.pointee, domain: domain)
            return
        }
        // The scratch arrays are overwritten in place and trimmed (`removeAll(keepingCapacity:)`
        // goes through a generic `replaceSubrange` for every node).
        var inputs = inputScratch
        inputScratch = []
        var k = 0
        for (position, name) in zip(ids.inputs(ofNode: index), nodeAddress.pointee.inputs) {
            let info: InputInfo = name.isEmpty ? .absent : lookup(id: ids.id(at: position), name: name)
            if k < inputs.count { inputs[k] = info } else { inputs.append(info) }
            k += 1
        }
        while inputs.count > k { inputs.removeLast() }
        var outputs = outputScratch
        outputScratch = []
        let outputCount = nodeAddress.pointee.outputs.count
        for i in 0..<min(outputCount, outputs.count) { outputs[i] = nil }
        while outputs.count < outputCount { outputs.append(nil) }
        while outputs.count > outputCount { outputs.removeLast() }
        var ctx = NodeContext(node: nodeAddress, opset: version, inputs: inputs, outputs: outputs, graph: self)
        defer {
            inputScratch = ctx.inputs
            outputScratch = ctx.outputs
        }
        do {
            try rule.infer(&ctx)
        } catch {
            warn(nodeAddress.pointee, error.reason)
            return
        }
        let outputIDs = ids.outputs(ofNode: index).lowerBound
        for i in 0..<outputCount {
            let name = nodeAddress.pointee.outputs[i]
            if name.isEmpty { continue }
            do {
                if var t = ctx.outputs[i] {
                    symbols.materialize(&t)
                    try record(name, id: ids.id(at: outputIDs + i), t)
                } else if var other = ctx.otherType(output: i) {
                    symbols.materialize(&other)
                    try recordOther(name, other)
                }
            } catch {
                warn(nodeAddress.pointee, error.reason)
                return
            }
        }
        if domain.isEmpty, nodeAddress.pointee.opType == "Constant" { trackConstant(nodeAddress.pointee) }
        if options.dataPropagation, let propagate = rule.propagate {
            do {
                try propagate(&ctx)
                for i in 0..<outputCount {
                    let name = nodeAddress.pointee.outputs[i]
                    if !name.isEmpty, let d = ctx.data(output: i) { shapeData[name] = d }
                }
            } catch {
                warn(nodeAddress.pointee, error.reason)
            }
        }
    }

    /// The known type of a value: this graph's, else the enclosing graph's.
    func lookup(_ name: String) -> InputInfo {
        if let id = ids.id(of: name) { return lookup(id: id, name: name) }
        if let outer { return outer.lookup(name) }
        return .absent
    }

    /// The same for a value of this graph whose id is known.
    @inline(__always)
    private func lookup(id: Int, name: String) -> InputInfo {
        if !typeByID[id].isPlaceholder { return .tensor(typeByID[id]) }
        if !otherTypes.isEmpty, let o = otherTypes[name] { return .other(o) }
        if let outer { return outer.lookup(name) }
        return .absent
    }

    /// The tensor type of a value of this graph.
    func type(of name: String) -> InferredType? {
        guard let id = ids.id(of: name), !typeByID[id].isPlaceholder else { return nil }
        return typeByID[id]
    }

    /// Every value name that got a tensor type.
    var types: [String: InferredType] {
        var out: [String: InferredType] = [:]
        out.reserveCapacity(typeByID.count)
        for id in typeByID.indices where !typeByID[id].isPlaceholder { out[ids.names[id]] = typeByID[id] }
        return out
    }

    private func record(_ name: String, id: Int, _ t: InferredType) throws(InferenceFailure) {
        if !otherTypes.isEmpty, otherTypes[name] != nil {
            throw InferenceFailure("inferred a tensor where a non-tensor type is declared")
        }
        if typeByID[id].isPlaceholder {
            typeByID[id] = t
            if declaredWithoutType.isEmpty || declaredWithoutType.remove(name) == nil { inferredOrder.append(name) }
        } else {
            // On a contradiction the declared type stays and the error is thrown.
            try TypeMerging.merge(t, into: &typeByID[id])
        }
    }

    private func recordOther(_ name: String, _ t: TypeProto) throws(InferenceFailure) {
        if type(of: name) != nil { throw InferenceFailure("inferred a non-tensor where a tensor type is declared") }
        if otherTypes[name] == nil {
            if declaredWithoutType.remove(name) == nil { inferredOrder.append(name) }
        }
        otherTypes[name] = t
    }

    /// ONNX tracks the value of `Constant` nodes so that later rules can read it.
    private func trackConstant(_ node: Node) {
        guard node.outputs.count == 1 else { return }
        let name = node.outputs[0]
        for a in node.attributes {
            if a.name == "value" {
                if a.type == .tensor || a.t != nil, let t = a.t { nodeConstants[name] = t }
                continue
            }
            var t = Tensor()
            switch a.type {
            case .ints: t.dataType = .int64; t.int64Data = a.ints
            case .int: guard let i = a.i else { continue }; t.dataType = .int64; t.int64Data = [i]
            case .floats: t.dataType = .float; t.floatData = a.floats
            case .float: guard let f = a.f else { continue }; t.dataType = .float; t.floatData = [f]
            default: continue
            }
            nodeConstants[name] = t
        }
    }

    /// The tensor behind a constant value of this graph (not of enclosing graphs, as in ONNX).
    func constant(named name: String) -> Tensor? {
        if !nodeConstants.isEmpty, let t = nodeConstants[name] { return t }
        // A few lookups scan the initializers (cheaper than hashing all their names); many
        // lookups build an index.
        if initializerIndex == nil, constantLookups < 8 {
            constantLookups += 1
            for i in graph.initializers.indices where graph.initializers[i].name == name { return graph.initializers[i] }
            return nil
        }
        if initializerIndex == nil {
            var index: [String: Int] = [:]
            index.reserveCapacity(graph.initializers.count)
            for (i, t) in graph.initializers.enumerated() { index[t.name] = i }
            initializerIndex = index
        }
        guard let i = initializerIndex?[name] else { return nil }
        return graph.initializers[i]
    }

    // MARK: Subgraphs

    func inferSubgraph(_ g: Graph, inputTypes: [InferredType?]) throws(InferenceFailure) -> [InferredType?] {
        guard depth < options.maxSubgraphDepth else { throw InferenceFailure("subgraphs nested too deeply") }
        guard budget.spend(g.nodes.count) else { throw InferenceFailure("subgraph work budget exhausted") }
        if irVersion >= 4 {
            guard g.inputs.count == inputTypes.count else { throw InferenceFailure("subgraph input count mismatch") }
        } else if inputTypes.count > g.inputs.count {
            throw InferenceFailure("subgraph has fewer inputs than provided")
        }
        let child = GraphInference(graph: g, opsets: opsets, irVersion: irVersion, options: options,
                                   symbols: symbols, budget: budget, depth: depth + 1, outer: self)
        try child.run(inputOverrides: inputTypes)
        return g.outputs.map { child.type(of: $0.name) }
    }

    /// Infers an operator defined by a function body (ONNX's `ProcessCall`): the body's
    /// nodes see the caller's input types, share its symbol table, and give the output types.
    func inferFunctionBody(_ body: Graph, opset: Int64, inputTypes: [InferredType?]) throws(InferenceFailure) -> [InferredType?] {
        guard depth < options.maxSubgraphDepth else { throw InferenceFailure("function bodies nested too deeply") }
        guard budget.spend(body.nodes.count) else { throw InferenceFailure("subgraph work budget exhausted") }
        let child = GraphInference(graph: body, opsets: ["": opset], irVersion: irVersion, options: options,
                                   symbols: symbols, budget: budget, depth: depth + 1, outer: nil)
        try child.run(inputOverrides: inputTypes, materializeInputs: false)
        return body.outputs.map { child.type(of: $0.name) }
    }

    // MARK: Warnings

    private func warn(_ node: Node, _ reason: StaticString) {
        guard warnings.count < 1000 else { return }
        let label = node.name.isEmpty ? node.opType : node.opType + " '" + node.name + "'"
        warnings.append("node " + label + ": " + reason.description)
    }

    private func reportUnsupported(_ node: Node, domain: String) {
        let key = domain.isEmpty ? node.opType : domain + "." + node.opType
        guard unsupportedReported.insert(key).inserted else { return }
        warnings.append("no shape rule for operator " + key + "; its outputs stay unknown")
    }

    // MARK: Results

    var result: ShapeInferenceResult {
        ShapeInferenceResult(types: types, warnings: warnings, inferredOrder: inferredOrder)
    }

    var nonTensorTypes: [String: TypeProto] { otherTypes }
}
