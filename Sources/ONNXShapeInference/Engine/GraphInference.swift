import ONNXModel

/// Walks one graph in node order the way ONNX's shape inference does: declared types
/// (inputs, outputs, value_info, initializers) first, then each node's rule; inferred types
/// merge into declared ones; unknown dims get fresh symbols; constants are tracked so that
/// later rules can read them.
final class GraphInference {
    /// The graph, read through its flat view (nodes and attributes by index).
    let view: GraphView
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
    /// Ids of the values that got a type, in inference order (names are made only for results).
    @exclusivity(unchecked) private var inferredIDs: [Int] = []
    var inferredOrder: [String] { inferredIDs.map { ids.names[$0] } }
    private(set) var warnings: [String] = []
    private var unsupportedReported: Set<String> = []
    /// Partial data propagation: known contents of small int64 shape tensors.
    @exclusivity(unchecked) private(set) var shapeData: [String: [Dimension]] = [:]
    /// Values of `Constant` nodes, by value id.
    @exclusivity(unchecked) private var nodeConstants: [Int: Tensor] = [:]
    /// Value id -> initializer index + 1 (0: none); built once lookups are many.
    @exclusivity(unchecked) private var initializerIndex: [Int32]?
    @exclusivity(unchecked) private var constantLookups = 0

    init(view: GraphView, opsets: [String: Int64], irVersion: Int64, options: ShapeInference.Options,
         symbols: SymbolTable, budget: WorkBudget = WorkBudget(), depth: Int = 0, outer: GraphInference? = nil) {
        self.view = view
        let ids = view.ids
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
        if depth == 0 { symbols.noteExisting(in: view) }
        for i in view.valueInfoTypes.indices { declare(id: ids.valueInfo[i], view.valueInfoTypes[i]) }
        for i in view.inputTypes.indices { declare(id: ids.graphInputs[i], view.inputTypes[i]) }
        for i in view.outputTypes.indices { declare(id: ids.graphOutputs[i], view.outputTypes[i]) }
        if let overrides = inputOverrides {
            for i in view.inputTypes.indices where i < overrides.count {
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
            for i in view.initializers.indices {
                let id = ids.initializers[i]
                if !otherTypes.isEmpty, otherTypes[ids.names[id]] != nil { continue }
                if typeByID[id].isPlaceholder {
                    let dims = view.initializerDims(i).map { Dimension.fixed($0) }
                    typeByID[id] = InferredType(elementType: view.initializers[i].dataType, shape: TensorShape(dims))
                }
            }
        }
        prepareNodeLookups()
        for n in 0..<view.nodeCount { process(n) }
    }

    private func declare(id: Int, _ type: TypeProto?) {
        guard let type else { return }
        switch type.value {
        case let .tensor(e, s): typeByID[id] = InferredType(elementType: e, shape: s)
        case .none: declaredWithoutType.insert(ids.names[id])
        default: otherTypes[ids.names[id]] = type
        }
    }

    // MARK: Nodes

    /// Scratch arrays handed to each node's context and taken back, so that processing a node
    /// allocates nothing for them.
    @exclusivity(unchecked) private var inputScratch: [InputInfo] = []
    @exclusivity(unchecked) private var outputScratch: [InferredType?] = []

    /// The rules found so far, and per label id (operator types and domains share the view's
    /// label table) the index in `rules` of its operator type's rule in the default domain
    /// (-1: none, -2: not looked up yet). A node reads its rule's fields in place: copying a
    /// rule retains its closures.
    @exclusivity(unchecked) private var rules: [OperatorRule] = []
    @exclusivity(unchecked) private var defaultDomainRuleIndex: [Int32] = []
    /// The default domain's opset version, found once per graph (`prepareNodeLookups`).
    @exclusivity(unchecked) private var defaultOpset: Int64?

    /// The index in `rules` of the rule for operator type `label` in `domain`.
    @inline(__always)
    private func ruleIndex(domain: String, label: Int32) -> Int? {
        let l = Int(label)
        if domain.isEmpty, defaultDomainRuleIndex[l] != -2 {
            return defaultDomainRuleIndex[l] >= 0 ? Int(defaultDomainRuleIndex[l]) : nil
        }
        return lookUpRule(domain: domain, label: l)
    }

    private func lookUpRule(domain: String, label l: Int) -> Int? {
        let rule = OperatorRegistry.rule(domain: domain, opType: view.labels[l])
        if let rule { rules.append(rule) }
        // Other domains are rare: their rules are looked up for every node.
        if domain.isEmpty { defaultDomainRuleIndex[l] = rule == nil ? -1 : Int32(truncatingIfNeeded: rules.count - 1) }
        return rule == nil ? nil : rules.count - 1
    }

    /// Per label id: whether it names the default domain ("" or "ai.onnx") and whether it is
    /// the operator type `Constant`. Found once per graph, so that processing a node makes no
    /// `String` for its operator type or domain.
    @exclusivity(unchecked) private var defaultDomainLabels: [Bool] = []
    @exclusivity(unchecked) private var constantLabel: Int32 = -1

    /// What `process` looks up for every node, found once per graph: the default opset, the
    /// label facts above, and an empty rule cache.
    private func prepareNodeLookups() {
        let labels = view.labels
        defaultOpset = opsets[""] ?? opsets["ai.onnx"]
        defaultDomainLabels = (0..<labels.count).map { labels[$0].isEmpty || labels[$0] == "ai.onnx" }
        defaultDomainRuleIndex = Array(repeating: -2, count: labels.count)
        constantLabel = (0..<labels.count).first { labels[$0] == "Constant" }.map { Int32(truncatingIfNeeded: $0) } ?? -1
    }

    private func process(_ index: Int) {
        let entry = view.nodes[index]
        let domain = defaultDomainLabels[Int(entry.domain)] ? "" : view.labels[Int(entry.domain)]
        guard let version = domain.isEmpty ? defaultOpset : opsets[domain] else {
            warn(node: index, "no opset import for its domain")
            return
        }
        guard let r = ruleIndex(domain: domain, label: entry.opType), version >= rules[r].since else {
            reportUnsupported(node: index, domain: domain)
            return
        }
        // Not a Constant: its value is tracked only when its rule's type agrees with the declared
        // one, which only running the rule tells.
        if options.trustCompleteDeclarations, !options.dataPropagation, !rules[r].infersSubgraphs,
           !(domain.isEmpty && entry.opType == constantLabel), outputsHaveCompleteTypes(node: index) {
            return
        }
        let rule = rules[r]
        // The scratch arrays are overwritten in place and trimmed (`removeAll(keepingCapacity:)`
        // goes through a generic `replaceSubrange` for every node).
        var inputs = inputScratch
        inputScratch = []
        var k = 0
        for position in ids.inputs(ofNode: index) {
            let id = ids.id(at: position)
            let info: InputInfo = ids.isUnnamed(id) ? .absent : lookup(id: id)
            if k < inputs.count { inputs[k] = info } else { inputs.append(info) }
            k += 1
        }
        while inputs.count > k { inputs.removeLast() }
        var outputs = outputScratch
        outputScratch = []
        let outputIDs = ids.outputs(ofNode: index)
        let outputCount = outputIDs.count
        for i in 0..<min(outputCount, outputs.count) { outputs[i] = nil }
        while outputs.count < outputCount { outputs.append(nil) }
        while outputs.count > outputCount { outputs.removeLast() }
        // Consumed, so the context holds the only reference and its first write does not copy.
        var ctx = NodeContext(node: index, opset: version, inputs: consume inputs, outputs: consume outputs, graph: self,
                              mayInferSubgraphs: rule.infersSubgraphs)
        defer {
            inputScratch = ctx.inputs
            outputScratch = ctx.outputs
        }
        do {
            try rule.infer(&ctx)
        } catch {
            warn(node: index, error.reason)
            return
        }
        for i in 0..<outputCount {
            let id = ids.id(at: outputIDs.lowerBound + i)
            if ids.isUnnamed(id) { continue }
            do {
                if var t = ctx.outputs[i] {
                    symbols.materialize(&t)
                    try record(id: id, t)
                } else if var other = ctx.otherType(output: i) {
                    symbols.materialize(&other)
                    try recordOther(id: id, other)
                }
            } catch {
                warn(node: index, error.reason)
                return
            }
        }
        if domain.isEmpty, entry.opType == constantLabel { trackConstant(node: index) }
        if options.dataPropagation, let propagate = rule.propagate {
            do {
                try propagate(&ctx)
                for i in 0..<outputCount {
                    let id = ids.id(at: outputIDs.lowerBound + i)
                    if !ids.isUnnamed(id), let d = ctx.data(output: i) { shapeData[ids.names[id]] = d }
                }
            } catch {
                warn(node: index, error.reason)
            }
        }
    }

    /// Whether every named output of node `n` has a tensor type with a defined element type and
    /// every dim a number (without denotation): a type no rule's result can change.
    private func outputsHaveCompleteTypes(node n: Int) -> Bool {
        for position in ids.outputs(ofNode: n) {
            let id = ids.id(at: position)
            if ids.isUnnamed(id) { continue }
            guard !typeByID[id].isPlaceholder, typeByID[id].elementType != .undefined,
                  typeByID[id].shape?.isComplete == true else { return false }
        }
        return true
    }

    /// The known type of a value: this graph's, else the enclosing graph's.
    func lookup(_ name: String) -> InputInfo {
        if let id = ids.id(of: name) { return lookup(id: id) }
        if let outer { return outer.lookup(name) }
        return .absent
    }

    /// The same for a value of this graph whose id is known.
    @inline(__always)
    private func lookup(id: Int) -> InputInfo {
        if !typeByID[id].isPlaceholder { return .tensor(typeByID[id]) }
        if !otherTypes.isEmpty, let o = otherTypes[ids.names[id]] { return .other(o) }
        if let outer { return outer.lookup(ids.names[id]) }
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

    private func record(id: Int, _ t: InferredType) throws(InferenceFailure) {
        if !otherTypes.isEmpty, otherTypes[ids.names[id]] != nil {
            throw InferenceFailure("inferred a tensor where a non-tensor type is declared")
        }
        if typeByID[id].isPlaceholder {
            typeByID[id] = t
            if declaredWithoutType.isEmpty || declaredWithoutType.remove(ids.names[id]) == nil { inferredIDs.append(id) }
        } else {
            // On a contradiction the declared type stays and the error is thrown.
            try TypeMerging.merge(t, into: &typeByID[id])
        }
    }

    private func recordOther(id: Int, _ t: TypeProto) throws(InferenceFailure) {
        if !typeByID[id].isPlaceholder { throw InferenceFailure("inferred a non-tensor where a tensor type is declared") }
        let name = ids.names[id]
        if otherTypes[name] == nil {
            if declaredWithoutType.remove(name) == nil { inferredIDs.append(id) }
        }
        otherTypes[name] = t
    }

    /// ONNX tracks the value of `Constant` nodes so that later rules can read it.
    private func trackConstant(node n: Int) {
        let outputs = ids.outputs(ofNode: n)
        guard outputs.count == 1 else { return }
        let id = ids.id(at: outputs.lowerBound)
        for a in view.attributes(ofNode: n) {
            let entry = view.attributes[a]
            if view.labels[Int(entry.name)] == "value" {
                if let t = view.attribute(a).t { nodeConstants[id] = t }
                continue
            }
            var t = Tensor()
            switch entry.kind {
            case .ints: t.dataType = .int64; t.int64Data = view.ints(a)
            case .int: guard let i = entry.i else { continue }; t.dataType = .int64; t.int64Data = [i]
            case .floats: t.dataType = .float; t.floatData = view.floats(a)
            case .float: guard let f = entry.f else { continue }; t.dataType = .float; t.floatData = [f]
            default: continue
            }
            nodeConstants[id] = t
        }
    }

    /// The tensor behind a constant value of this graph (not of enclosing graphs, as in ONNX).
    func constant(id: Int) -> Tensor? {
        if !nodeConstants.isEmpty, let t = nodeConstants[id] { return t }
        // A few lookups scan the initializers' ids; many lookups build an index. The first
        // initializer of a repeated name counts, as for its declared type.
        if initializerIndex == nil, constantLookups < 8 {
            constantLookups += 1
            guard let i = ids.initializers.firstIndex(of: id) else { return nil }
            return view.initializerTensor(i)
        }
        if initializerIndex == nil {
            var index = [Int32](repeating: 0, count: ids.count)
            for (i, x) in ids.initializers.enumerated().reversed() { index[x] = Int32(truncatingIfNeeded: i + 1) }
            initializerIndex = index
        }
        guard let i = initializerIndex?[id], i > 0 else { return nil }
        return view.initializerTensor(Int(i) - 1)
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
        let child = GraphInference(view: GraphView(g), opsets: opsets, irVersion: irVersion, options: options,
                                   symbols: symbols, budget: budget, depth: depth + 1, outer: self)
        try child.run(inputOverrides: inputTypes)
        return g.outputs.map { child.type(of: $0.name) }
    }

    /// Infers an operator defined by a function body (ONNX's `ProcessCall`): the body's
    /// nodes see the caller's input types, share its symbol table, and give the output types.
    func inferFunctionBody(_ body: Graph, opset: Int64, inputTypes: [InferredType?]) throws(InferenceFailure) -> [InferredType?] {
        guard depth < options.maxSubgraphDepth else { throw InferenceFailure("function bodies nested too deeply") }
        guard budget.spend(body.nodes.count) else { throw InferenceFailure("subgraph work budget exhausted") }
        let child = GraphInference(view: GraphView(body), opsets: ["": opset], irVersion: irVersion, options: options,
                                   symbols: symbols, budget: budget, depth: depth + 1, outer: nil)
        try child.run(inputOverrides: inputTypes, materializeInputs: false)
        return body.outputs.map { child.type(of: $0.name) }
    }

    // MARK: Warnings

    private func warn(node n: Int, _ reason: StaticString) {
        guard warnings.count < 1000 else { return }
        let name = view.nodeName(n), opType = view.opType(n)
        let label = name.isEmpty ? opType : opType + " '" + name + "'"
        warnings.append("node " + label + ": " + reason.description)
    }

    private func reportUnsupported(node n: Int, domain: String) {
        let opType = view.opType(n)
        let key = domain.isEmpty ? opType : domain + "." + opType
        guard unsupportedReported.insert(key).inserted else { return }
        warnings.append("no shape rule for operator " + key + "; its outputs stay unknown")
    }

    // MARK: Results

    var result: ShapeInferenceResult {
        ShapeInferenceResult(types: types, warnings: warnings, inferredOrder: inferredOrder)
    }

    var nonTensorTypes: [String: TypeProto] { otherTypes }
}
