import ONNXProto

/// A read-only, flat view of one graph: what shape inference and the encodings read, with no
/// heap object per node. Value names are dense ids (`GraphValueIDs`), operator types and
/// attribute names are ids into `labels`, and attribute values live in shared flat arrays.
/// Built from a decoded `Graph` (`init(_:)`) or straight from the bytes of a file
/// (`ModelView`), which skips making an `ONNXModel.Node` per node.
public struct GraphView: Sendable {
    /// One node: its operator, domain and name, and where its attributes are.
    public struct NodeEntry: Sendable {
        /// Ids into `labels`.
        public var opType: Int32
        public var domain: Int32
        /// The node's name: a range of `text`.
        var nameStart: Int32
        var nameEnd: Int32
        /// A range of `attributes`.
        var attributeStart: Int32
        var attributeEnd: Int32
    }

    /// One attribute. Ints, floats and strings are read from the flat arrays; any other
    /// payload (tensor, graph, type, list of strings...) is decoded in full into `full`.
    public struct AttributeEntry: Sendable {
        /// Id into `labels`.
        public var name: Int32
        /// The `type` field as written (not inferred from the payload).
        public var kind: Attribute.Kind
        public var i: Int64?
        public var f: Float?
        /// `ints` and `floats`: ranges of the view's `ints` and `floats`.
        var intsStart: Int32
        var intsEnd: Int32
        var floatsStart: Int32
        var floatsEnd: Int32
        /// `s`: a range of `text` (`sStart < 0` when absent).
        var sStart: Int32
        var sEnd: Int32
        /// Index into `fullAttributes` when the attribute has another payload, else -1.
        var full: Int32
    }

    /// A parameter's element type and dims (the payload stays where it is until read).
    public struct InitializerEntry: Sendable {
        public var dataType: DataType
        var dimsStart: Int32
        var dimsEnd: Int32
    }

    /// Where initializer tensors come from when a rule reads a constant.
    enum TensorSource: Sendable {
        case decoded([Tensor])
        /// Each initializer's `TensorProto` bytes, decoded on demand.
        case encoded(ByteStorage, [Range<Int>], ProtoDecodingOptions)
    }

    public internal(set) var ids: GraphValueIDs
    /// Operator types, domains and attribute names.
    public internal(set) var labels: StringTable
    public internal(set) var nodes: [NodeEntry]
    public internal(set) var attributes: [AttributeEntry]
    var ints: [Int64]
    var floats: [Float]
    /// Node names and attribute strings, back to back.
    var text: [UInt8]
    var fullAttributes: [Attribute]
    /// Declared types, parallel to `ids.graphInputs`, `ids.graphOutputs` and `ids.valueInfo`.
    public internal(set) var inputTypes: [TypeProto?]
    public internal(set) var outputTypes: [TypeProto?]
    public internal(set) var valueInfoTypes: [TypeProto?]
    /// Parallel to `ids.initializers`.
    public internal(set) var initializers: [InitializerEntry]
    var tensorSource: TensorSource

    // MARK: Nodes

    public var nodeCount: Int { nodes.count }

    @inlinable
    public func opType(_ n: Int) -> String { labels[Int(nodes[n].opType)] }

    public func domain(_ n: Int) -> String { labels[Int(nodes[n].domain)] }

    public func nodeName(_ n: Int) -> String {
        String(decoding: text[Int(nodes[n].nameStart)..<Int(nodes[n].nameEnd)], as: UTF8.self)
    }

    /// Positions (in `ids.id(at:)`) of the node's inputs and outputs.
    @inlinable
    public func inputs(ofNode n: Int) -> Range<Int> { ids.inputs(ofNode: n) }
    @inlinable
    public func outputs(ofNode n: Int) -> Range<Int> { ids.outputs(ofNode: n) }

    /// Whether the value name at `position` is empty (an omitted optional input or output).
    public func isEmptyName(at position: Int) -> Bool { ids.names.byteCount(id: ids.id(at: position)) == 0 }

    // MARK: Attributes

    /// Indices into `attributes` of node `n`'s attributes, in file order.
    public func attributes(ofNode n: Int) -> Range<Int> { Int(nodes[n].attributeStart)..<Int(nodes[n].attributeEnd) }

    public func attributeName(_ a: Int) -> String { labels[Int(attributes[a].name)] }

    /// The first attribute of node `n` called `name` (ONNX keeps the first of a repeated name).
    public func attributeIndex(_ name: String, ofNode n: Int) -> Int? {
        // Compare ids: the label table holds every attribute name of the graph, so a name
        // missing from it belongs to no attribute.
        guard let label = labels.id(of: name) else { return nil }
        let target = Int32(truncatingIfNeeded: label)
        for a in attributes(ofNode: n) where attributes[a].name == target { return a }
        return nil
    }

    public func ints(_ a: Int) -> ArraySlice<Int64> { ints[Int(attributes[a].intsStart)..<Int(attributes[a].intsEnd)] }
    public func floats(_ a: Int) -> ArraySlice<Float> { floats[Int(attributes[a].floatsStart)..<Int(attributes[a].floatsEnd)] }

    /// The `s` bytes, nil when the field is absent.
    public func stringBytes(_ a: Int) -> ArraySlice<UInt8>? {
        let e = attributes[a]
        guard e.sStart >= 0 else { return nil }
        return text[Int(e.sStart)..<Int(e.sEnd)]
    }

    /// The whole attribute as an `Attribute` (made on demand; rules that need a tensor or a
    /// subgraph read it this way).
    public func attribute(_ a: Int) -> Attribute {
        let e = attributes[a]
        if e.full >= 0 { return fullAttributes[Int(e.full)] }
        var out = Attribute()
        out.name = labels[Int(e.name)]
        out.type = e.kind
        out.i = e.i
        out.f = e.f
        out.s = stringBytes(a).map(Array.init)
        out.ints = Array(ints(a))
        out.floats = Array(floats(a))
        return out
    }

    /// Attributes holding a graph (If/Loop/Scan bodies), for passes that walk subgraphs.
    public var subgraphAttributes: [Attribute] {
        fullAttributes.filter { $0.$g.isPresent || !$0.graphs.isEmpty }
    }

    // MARK: Initializers

    public func initializerDims(_ i: Int) -> ArraySlice<Int64> {
        ints[Int(initializers[i].dimsStart)..<Int(initializers[i].dimsEnd)]
    }

    /// The `i`th initializer in full (nil when its bytes do not decode).
    public func initializerTensor(_ i: Int) -> Tensor? {
        switch tensorSource {
        case .decoded(let tensors): return tensors[i]
        case let .encoded(storage, ranges, options): return try? Tensor.decoding(storage, range: ranges[i], options: options)
        }
    }
}

extension GraphView {
    /// The view of a decoded graph; `ids`, when given, must have been built from `graph`.
    public init(_ graph: Graph, ids: GraphValueIDs? = nil) {
        var builder = GraphViewBuilder(ids: ids ?? GraphValueIDs(graph), nodeCount: graph.nodes.count)
        graph.nodes.withUnsafeBufferPointer { nodes in
            for n in nodes.indices {
                builder.beginNode(opType: nodes[n].opType, domain: nodes[n].domain, name: nodes[n].name)
                nodes[n].attributes.withUnsafeBufferPointer { list in
                    for a in list.indices { builder.add(list[a]) }
                }
                builder.endNode()
            }
        }
        for t in graph.initializers { builder.addInitializer(dataType: t.dataType, dims: t.dims) }
        self = builder.finish(inputTypes: graph.inputs.map(\.type), outputTypes: graph.outputs.map(\.type),
                              valueInfoTypes: graph.valueInfo.map(\.type), tensors: .decoded(graph.initializers))
    }
}

/// Fills a `GraphView` node by node; used by both ways of building one.
struct GraphViewBuilder {
    var ids: GraphValueIDs
    var labels = StringTable(expectedCount: 32)
    var nodes: [GraphView.NodeEntry] = []
    var attributes: [GraphView.AttributeEntry] = []
    var ints: [Int64] = []
    var floats: [Float] = []
    var text: [UInt8] = []
    var fullAttributes: [Attribute] = []
    var initializers: [GraphView.InitializerEntry] = []

    init(ids: GraphValueIDs, nodeCount: Int) {
        self.ids = ids
        nodes.reserveCapacity(nodeCount)
        attributes.reserveCapacity(nodeCount * 2)
        ints.reserveCapacity(nodeCount * 4)
        text.reserveCapacity(nodeCount * 24)
    }

    mutating func label(_ s: String) -> Int32 { Int32(truncatingIfNeeded: labels.intern(s)) }

    mutating func beginNode(opType: String, domain: String, name: String) {
        let start = Int32(truncatingIfNeeded: text.count)
        text.append(contentsOf: name.utf8)
        nodes.append(GraphView.NodeEntry(opType: label(opType), domain: label(domain),
                                         nameStart: start, nameEnd: Int32(truncatingIfNeeded: text.count),
                                         attributeStart: Int32(truncatingIfNeeded: attributes.count),
                                         attributeEnd: Int32(truncatingIfNeeded: attributes.count)))
    }

    mutating func endNode() {
        nodes[nodes.count - 1].attributeEnd = Int32(truncatingIfNeeded: attributes.count)
    }

    /// An attribute with nothing beyond scalars, ints, floats and `s`.
    mutating func addSimple(name: Int32, kind: Attribute.Kind, i: Int64?, f: Float?,
                            ints list: some Collection<Int64>, floats fl: some Collection<Float>, s: (some Collection<UInt8>)?) {
        let intsStart = Int32(truncatingIfNeeded: ints.count)
        ints.append(contentsOf: list)
        let floatsStart = Int32(truncatingIfNeeded: floats.count)
        floats.append(contentsOf: fl)
        var sStart: Int32 = -1, sEnd: Int32 = -1
        if let s {
            sStart = Int32(truncatingIfNeeded: text.count)
            text.append(contentsOf: s)
            sEnd = Int32(truncatingIfNeeded: text.count)
        }
        attributes.append(GraphView.AttributeEntry(
            name: name, kind: kind, i: i, f: f,
            intsStart: intsStart, intsEnd: Int32(truncatingIfNeeded: ints.count),
            floatsStart: floatsStart, floatsEnd: Int32(truncatingIfNeeded: floats.count),
            sStart: sStart, sEnd: sEnd, full: -1))
    }

    /// Any attribute: the flat fields are filled, and one with another payload is also kept whole.
    mutating func add(_ a: Attribute) {
        addSimple(name: label(a.name), kind: a.type, i: a.i, f: a.f, ints: a.ints, floats: a.floats, s: a.s)
        if Self.needsFull(a) {
            attributes[attributes.count - 1].full = Int32(truncatingIfNeeded: fullAttributes.count)
            fullAttributes.append(a)
        }
    }

    /// Whether `attribute(_:)` could not rebuild `a` from the flat fields alone (the view is
    /// read, never written back, so doc strings and field presence need not survive).
    static func needsFull(_ a: Attribute) -> Bool {
        a.$t.isPresent || a.$g.isPresent || a.$sparseTensor.isPresent || a.$tp.isPresent
            || !a.strings.isEmpty || !a.tensors.isEmpty || !a.graphs.isEmpty || !a.sparseTensors.isEmpty
            || !a.typeProtos.isEmpty || !a.refAttrName.isEmpty
    }

    mutating func addInitializer(dataType: DataType, dims: some Collection<Int64>) {
        let start = Int32(truncatingIfNeeded: ints.count)
        ints.append(contentsOf: dims)
        initializers.append(GraphView.InitializerEntry(dataType: dataType, dimsStart: start, dimsEnd: Int32(truncatingIfNeeded: ints.count)))
    }

    func finish(inputTypes: [TypeProto?], outputTypes: [TypeProto?], valueInfoTypes: [TypeProto?],
                tensors: GraphView.TensorSource) -> GraphView {
        GraphView(ids: ids, labels: labels, nodes: nodes, attributes: attributes, ints: ints, floats: floats,
                  text: text, fullAttributes: fullAttributes, inputTypes: inputTypes, outputTypes: outputTypes,
                  valueInfoTypes: valueInfoTypes, initializers: initializers, tensorSource: tensors)
    }
}
