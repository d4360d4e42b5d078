import ONNXModel

/// What is known about one input of a node when its rule runs.
enum InputInfo {
    /// No input at that position, an empty name (omitted optional input), or a value whose
    /// type nobody knows.
    case absent
    case tensor(InferredType)
    /// A sequence, map, optional or sparse tensor value.
    case other(TypeProto)
}

/// Everything a rule may read about one node, and the output types it writes. The rule's
/// outputs count only if it returns normally (a thrown `InferenceFailure` discards them).
struct NodeContext {
    /// The node's index in the graph view being inferred (which outlives this context).
    let nodeIndex: Int
    /// Version of the operator set the node's domain is imported at.
    let opset: Int64
    var inputs: [InputInfo]
    /// Tensor types the rule inferred (nil = nothing inferred for that output).
    var outputs: [InferredType?]
    /// Non-tensor types (sequences, optionals) the rule inferred; empty until one is set.
    private(set) var otherOutputs: [TypeProto?] = []
    /// Shape data (ONNX's partial data propagation) computed for the outputs; empty until set.
    private(set) var outputData: [[Dimension]?] = []
    unowned(unsafe) let graph: GraphInference
    /// The rule's `infersSubgraphs`: checked where subgraphs are inferred, so that a rule that
    /// infers them but is not registered as doing so fails in debug builds (the engine may
    /// skip rules that are not).
    let mayInferSubgraphs: Bool

    /// `inputs` and `outputs` are scratch arrays handed over by the engine (reused between
    /// nodes so that a rule costs no allocation for them).
    init(node: Int, opset: Int64, inputs: [InputInfo], outputs: [InferredType?], graph: GraphInference,
         mayInferSubgraphs: Bool) {
        self.nodeIndex = node
        self.opset = opset
        self.inputs = inputs
        self.outputs = outputs
        self.graph = graph
        self.mayInferSubgraphs = mayInferSubgraphs
    }

    // MARK: Inputs

    var inputCount: Int { inputs.count }
    var outputCount: Int { outputs.count }

    /// ONNX's `hasInput`: the position exists and its value has a known type.
    func hasInput(_ i: Int) -> Bool {
        guard i < inputs.count else { return false }
        if case .absent = inputs[i] { return false }
        return true
    }

    func inputType(_ i: Int) -> InferredType? {
        guard i < inputs.count, case .tensor(let t) = inputs[i] else { return nil }
        return t
    }

    /// The shape of a tensor input when it is known (ONNX's `hasInputShape`).
    func inputShape(_ i: Int) -> TensorShape? { inputType(i)?.shape }

    func hasInputShapes(_ n: Int) -> Bool {
        guard n <= inputs.count else { return false }
        for i in 0..<n where inputShape(i) == nil { return false }
        return true
    }

    /// ONNX's `getInputShape`: fails when the input is not a tensor with a shape.
    func requireInputShape(_ i: Int) throws(InferenceFailure) -> TensorShape {
        guard let s = inputShape(i) else { throw InferenceFailure("input must have a shape") }
        return s
    }

    /// Element type of a tensor input; fails like ONNX when the input has no type or an
    /// undefined element type.
    func inputElementType(_ i: Int) throws(InferenceFailure) -> DataType {
        switch i < inputs.count ? inputs[i] : .absent {
        case .absent: throw InferenceFailure("input type is unknown")
        case .other: throw InferenceFailure("input is not a tensor")
        case .tensor(let t):
            guard t.elementType != .undefined else { throw InferenceFailure("input element type is unknown") }
            return t.elementType
        }
    }

    // MARK: Outputs

    /// ONNX's `propagateElemTypeFromInputToOutput` for tensors (sequence/optional inputs pass
    /// their whole type through).
    mutating func propagateElementType(from i: Int, to o: Int) throws(InferenceFailure) {
        guard o < outputs.count else { throw InferenceFailure("output index out of range") }
        if i < inputs.count, case .other(let t) = inputs[i] {
            switch t.value {
            case .sequence, .optional, .map: setOtherType(t, output: o); return
            case let .sparseTensor(e, _):
                guard e != .undefined else { throw InferenceFailure("input element type is unknown") }
                setElementType(e, output: o)
                return
            default: throw InferenceFailure("input type is not supported")
            }
        }
        setElementType(try inputElementType(i), output: o)
    }

    mutating func setElementType(_ t: DataType, output o: Int) {
        guard o < outputs.count else { return }
        if outputs[o] == nil { outputs[o] = InferredType(elementType: t, shape: nil) } else { outputs[o]!.elementType = t }
    }

    /// Sets an output shape (creating the output type, element type undefined, when needed).
    mutating func setShape(_ s: TensorShape, output o: Int) {
        guard o < outputs.count else { return }
        if outputs[o] == nil { outputs[o] = InferredType(elementType: .undefined, shape: s) } else { outputs[o]!.shape = s }
    }

    mutating func setShape(_ dims: [Dimension], output o: Int) { setShape(TensorShape(dims), output: o) }

    /// Sets a whole tensor type (ignored for an output position the node does not have).
    mutating func setOutput(_ t: InferredType, output o: Int) {
        if o < outputs.count { outputs[o] = t }
    }

    /// Sets a sequence/optional/map type for an output.
    mutating func setOtherType(_ t: TypeProto, output o: Int) {
        guard o < outputs.count else { return }
        if otherOutputs.isEmpty { otherOutputs = Array(repeating: nil, count: outputs.count) }
        otherOutputs[o] = t
    }

    func otherType(output o: Int) -> TypeProto? { o < otherOutputs.count ? otherOutputs[o] : nil }

    /// Records propagated shape data for an output.
    mutating func setOutputData(_ d: [Dimension], output o: Int) {
        guard o < outputs.count else { return }
        if outputData.isEmpty { outputData = Array(repeating: nil, count: outputs.count) }
        outputData[o] = d
    }

    func data(output o: Int) -> [Dimension]? { o < outputData.count ? outputData[o] : nil }

    /// ONNX's `propagateShapeFromInputToOutput`: copies the shape when the input has one.
    mutating func propagateShape(from i: Int, to o: Int) throws(InferenceFailure) {
        switch i < inputs.count ? inputs[i] : .absent {
        case .absent: throw InferenceFailure("input type is unknown")
        case .other(let t):
            if case .sequence = t.value { setOtherType(t, output: o); return }
            if case .optional = t.value { setOtherType(t, output: o); return }
            if case let .sparseTensor(_, s) = t.value, let s { setShape(s, output: o) }
        case .tensor(let t):
            if let s = t.shape { setShape(s, output: o) }
        }
    }

    /// Element type and shape of input 0 to output 0 (unary elementwise operators).
    mutating func propagateTypeAndShapeFromFirstInput() throws(InferenceFailure) {
        try propagateElementType(from: 0, to: 0)
        guard inputShape(0) != nil else { return }
        try propagateShape(from: 0, to: 0)
    }

    // MARK: Attributes (each rule passes the operator's default where it reads one)
    // Names are `StaticString`s: rules name attributes with literals, and a literal's bytes
    // are compared in place (no `String` per look-up).

    /// Index (in the graph view) of the node's first attribute called `name` (ONNX keeps the
    /// first of a repeated name).
    func attributeIndex(_ name: StaticString) -> Int? {
        name.withUTF8Buffer { graph.view.attributeIndex(utf8: $0, ofNode: nodeIndex) }
    }

    /// The whole attribute (made on demand: rules read tensors and subgraphs this way).
    func attribute(_ name: StaticString) -> Attribute? { attributeIndex(name).map { graph.view.attribute($0) } }
    func hasAttribute(_ name: StaticString) -> Bool { attributeIndex(name) != nil }

    /// The names of the node's attributes, in file order.
    var attributeNames: [String] { graph.view.attributes(ofNode: nodeIndex).map { graph.view.attributeName($0) } }

    func int(_ name: StaticString, default value: Int64) -> Int64 { attributeIndex(name).flatMap { graph.view.attributes[$0].i } ?? value }
    func intIfPresent(_ name: StaticString) -> Int64? { attributeIndex(name).flatMap { graph.view.attributes[$0].i } }
    func float(_ name: StaticString, default value: Float) -> Float { attributeIndex(name).flatMap { graph.view.attributes[$0].f } ?? value }
    func string(_ name: StaticString, default value: String) -> String {
        attributeIndex(name).flatMap { graph.view.stringBytes($0) }.map { String(decoding: $0, as: UTF8.self) } ?? value
    }

    /// A repeated-int attribute (nil when absent; its `ints`, possibly empty, when present).
    func ints(_ name: StaticString) -> [Int64]? { attributeIndex(name).map { graph.view.ints($0) } }
    func floats(_ name: StaticString) -> [Float]? { attributeIndex(name).map { graph.view.floats($0) } }

    /// The value id of input `i`, nil when the node has no such input or it is omitted ("").
    private func inputID(_ i: Int) -> Int? {
        let positions = graph.view.inputs(ofNode: nodeIndex)
        guard i < positions.count else { return nil }
        let id = graph.view.ids.id(at: positions.lowerBound + i)
        return graph.view.ids.isUnnamed(id) ? nil : id
    }

    // MARK: Constant inputs

    /// The tensor behind a constant input (initializer or `Constant` node output), as ONNX's
    /// `getInputData` gives it; nil when the value is computed at run time.
    func inputData(_ i: Int) -> Tensor? {
        inputID(i).flatMap { graph.constant(id: $0) }
    }

    /// Shape data computed by partial data propagation (only when that option is on).
    func symbolicInput(_ i: Int) -> [Dimension]? {
        guard let id = inputID(i), !graph.shapeData.isEmpty else { return nil }
        return graph.shapeData[graph.view.ids.names[id]]
    }

    /// ONNX's `getShapeInput`: a shape given by a constant, else by propagated shape data,
    /// else (rank only) by the length of a 1-D shape input. nil when none of these is known.
    func shapeInput(_ i: Int) throws(InferenceFailure) -> [Dimension]? {
        if let t = inputData(i) { return try ConstantData.int64s(t).map { Dimension(.value($0)) } }
        if let s = symbolicInput(i) { return s }
        if let s = inputShape(i) {
            guard s.rank == 1 else { throw InferenceFailure("shape input must be 1-D") }
            if let n = s.dims[0].fixedValue {
                // ONNX loops `n` times, so a negative length gives rank 0.
                guard n <= 1 << 20 else { throw InferenceFailure("shape input length out of range") }
                return Array(repeating: Dimension(.unknown), count: Int(max(n, 0)))
            }
        }
        return nil
    }

    // MARK: Partial data propagation

    /// Input data for data propagation (ONNX's `DataPropagationContext::getInputData`):
    /// propagated shape data first, else a 0-D/1-D int64 or int32 constant.
    func propagatedData(_ i: Int) throws(InferenceFailure) -> [Dimension]? {
        guard let id = inputID(i) else { return nil }
        if !graph.shapeData.isEmpty, let s = graph.shapeData[graph.view.ids.names[id]] { return s }
        guard let t = graph.constant(id: id), t.dims.count <= 1 else { return nil }
        let values: [Int64]
        switch t.dataType {
        case .int64: values = try ConstantData.int64s(t)
        case .int32: values = try ConstantData.int32s(t).map(Int64.init)
        default: return nil
        }
        return values.map { Dimension(.value($0)) }
    }

    // MARK: Subgraphs and function bodies

    /// Infers the operator through its function body (nodes over the formal names `inputs`
    /// and `outputs`) and takes the body's output types as the node's.
    mutating func inferThroughFunction(nodes: [Node], inputs: [String], outputs: [String], opset: Int64) throws(InferenceFailure) {
        assert(mayInferSubgraphs, "a rule that infers a function body must be registered with infersSubgraphs")
        var body = Graph()
        body.nodes = nodes
        body.inputs = inputs.map { ValueInfo(name: $0, type: nil) }
        body.outputs = outputs.map { ValueInfo(name: $0, type: nil) }
        var types: [InferredType?] = []
        for i in 0..<inputs.count { types.append(inputType(i)) }
        let result = try graph.inferFunctionBody(body, opset: opset, inputTypes: types)
        for (o, t) in result.enumerated() where o < self.outputs.count { self.outputs[o] = t }
    }

    /// Infers a graph attribute (If branches, Loop and Scan bodies) with the given input
    /// types; returns its output types (nil entries for outputs left unknown).
    func inferSubgraph(_ name: StaticString, inputTypes: [InferredType?]) throws(InferenceFailure) -> [InferredType?] {
        assert(mayInferSubgraphs, "a rule that infers subgraphs must be registered with infersSubgraphs")
        guard let g = attribute(name)?.g else { throw InferenceFailure("graph attribute missing") }
        return try graph.inferSubgraph(g, inputTypes: inputTypes)
    }
}
