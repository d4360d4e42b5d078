import ONNXProto

/// A read-only, flat view of one graph: what shape inference and the encodings read, with no
/// heap object per node. Value names are dense ids (`GraphValueIDs`), operator types and
/// attribute names are ids into `labels`, and attribute values live in arrays of the view.
/// Built from a decoded `Graph` (`init(_:)`) or straight from the bytes of a file
/// (`ModelView`), which skips making an `ONNXModel.Node` per node. A class: it is never
/// changed once built, and passes and rule contexts share it without copying its arrays.
public final class GraphView: Sendable {
    /// One node: its operator, domain and name, and where its attributes are.
    public struct NodeEntry: Sendable {
        /// Ids into `labels`.
        public var opType: Int32
        public var domain: Int32
        /// The node's name: a range of `text`.
        var nameStart: Int32
        var nameEnd: Int32
        /// A range of `attributes`.
        @usableFromInline var attributeStart: Int32
        @usableFromInline var attributeEnd: Int32
    }

    /// One attribute. Scalars are inline, ints and floats are lists of the view (a rule reads
    /// them as arrays: sharing one costs no allocation), strings a range of `text`; any other
    /// payload (tensor, graph, type, list of strings...) is decoded in full into `full`.
    public struct AttributeEntry: Sendable {
        /// Id into `labels`.
        public var name: Int32
        /// The `type` field as written (not inferred from the payload).
        public var kind: Attribute.Kind
        public var i: Int64?
        public var f: Float?
        /// `ints` and `floats`: indices into `intLists` and `floatLists`, -1 when empty.
        var ints: Int32
        var floats: Int32
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

    public let ids: GraphValueIDs
    /// Operator types, domains and attribute names.
    public let labels: StringTable
    public let nodes: [NodeEntry]
    public let attributes: [AttributeEntry]
    let intLists: [[Int64]]
    let floatLists: [[Float]]
    /// Initializer dims, back to back.
    let dims: [Int64]
    /// Node names and attribute strings, back to back.
    let text: [UInt8]
    let fullAttributes: [Attribute]
    /// Declared types, parallel to `ids.graphInputs`, `ids.graphOutputs` and `ids.valueInfo`.
    public let inputTypes: [TypeProto?]
    public let outputTypes: [TypeProto?]
    public let valueInfoTypes: [TypeProto?]
    /// Parallel to `ids.initializers`.
    public let initializers: [InitializerEntry]
    let tensorSource: TensorSource

    init(_ b: GraphViewBuilder, ids: GraphValueIDs, inputTypes: [TypeProto?], outputTypes: [TypeProto?],
         valueInfoTypes: [TypeProto?], tensors: TensorSource) {
        self.ids = ids
        labels = b.labels
        nodes = b.nodes
        attributes = b.attributes
        intLists = b.intLists
        floatLists = b.floatLists
        dims = b.dims
        text = b.text.array
        fullAttributes = b.fullAttributes
        initializers = b.initializers
        self.inputTypes = inputTypes
        self.outputTypes = outputTypes
        self.valueInfoTypes = valueInfoTypes
        tensorSource = tensors
    }

    // MARK: Labels

    /// Calls `body` with the UTF-8 bytes of label `l` (valid only during the call): the
    /// encoders copy operator types and attribute names node after node without a `String`.
    public func withLabelUTF8(_ l: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        labels.withBytes(id: Int(l), body)
    }

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
    public func isEmptyName(at position: Int) -> Bool { ids.isUnnamed(ids.id(at: position)) }

    // MARK: Attributes

    /// Indices into `attributes` of node `n`'s attributes, in file order.
    @inlinable
    public func attributes(ofNode n: Int) -> Range<Int> { Int(nodes[n].attributeStart)..<Int(nodes[n].attributeEnd) }

    public func attributeName(_ a: Int) -> String { labels[Int(attributes[a].name)] }

    /// The first attribute of node `n` called `name` (ONNX keeps the first of a repeated name).
    /// A node has few attributes: comparing their names' lengths, then bytes, beats hashing `name`.
    public func attributeIndex(_ name: String, ofNode n: Int) -> Int? {
        var name = name
        return name.withUTF8 { attributeIndex(utf8: $0, ofNode: n) }
    }

    /// The same for the name whose UTF-8 bytes are `key`.
    public func attributeIndex(utf8 name: UnsafeBufferPointer<UInt8>, ofNode n: Int) -> Int? {
        for a in attributes(ofNode: n) where labels.hasBytes(name, id: Int(attributes[a].name)) { return a }
        return nil
    }

    public func ints(_ a: Int) -> [Int64] {
        let i = Int(attributes[a].ints)
        return i < 0 ? [] : intLists[i]
    }

    public func floats(_ a: Int) -> [Float] {
        let i = Int(attributes[a].floats)
        return i < 0 ? [] : floatLists[i]
    }

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
        out.ints = ints(a)
        out.floats = floats(a)
        return out
    }

    /// Attributes holding a graph (If/Loop/Scan bodies), for passes that walk subgraphs.
    public var subgraphAttributes: [Attribute] {
        fullAttributes.filter { $0.$g.isPresent || !$0.graphs.isEmpty }
    }

    // MARK: Initializers

    public func initializerDims(_ i: Int) -> ArraySlice<Int64> {
        dims[Int(initializers[i].dimsStart)..<Int(initializers[i].dimsEnd)]
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
    public convenience init(_ graph: Graph, ids: GraphValueIDs? = nil) {
        var builder = GraphViewBuilder(nodeCount: graph.nodes.count)
        graph.nodes.withUnsafeBufferPointer { nodes in
            for n in nodes.indices {
                let opType = builder.label(nodes[n].opType), domain = builder.label(nodes[n].domain)
                let attributeStart = builder.attributes.count
                nodes[n].attributes.withUnsafeBufferPointer { list in
                    guard let base = list.baseAddress else { return }
                    for a in list.indices { builder.add(base + a) }
                }
                var name = nodes[n].name
                name.withUTF8 {
                    builder.addNode(opType: opType, domain: domain, name: UnsafeRawBufferPointer($0), attributesFrom: attributeStart)
                }
            }
        }
        for t in graph.initializers { builder.addInitializer(dataType: t.dataType, dims: t.dims) }
        self.init(builder, ids: ids ?? GraphValueIDs(graph), inputTypes: graph.inputs.map(\.type), outputTypes: graph.outputs.map(\.type),
                  valueInfoTypes: graph.valueInfo.map(\.type), tensors: .decoded(graph.initializers))
    }
}

/// Fills a `GraphView` node by node; used by both ways of building one.
struct GraphViewBuilder {
    var labels = StringTable(expectedCount: 32)
    var nodes: [GraphView.NodeEntry] = []
    var attributes: [GraphView.AttributeEntry] = []
    var intLists: [[Int64]] = []
    var floatLists: [[Float]] = []
    var dims: [Int64] = []
    var text: AppendOnlyBytes
    var fullAttributes: [Attribute] = []
    var initializers: [GraphView.InitializerEntry] = []

    init(nodeCount: Int, initializerCount: Int = 0) {
        initializers.reserveCapacity(initializerCount)
        // Most initializers have rank 4 or less.
        dims.reserveCapacity(initializerCount * 4)
        nodes.reserveCapacity(nodeCount)
        // Convolutions and pools carry five attributes each, other nodes mostly none.
        attributes.reserveCapacity(nodeCount * 3)
        intLists.reserveCapacity(nodeCount * 2)
        // Exporters name nodes by their path in the network: some 40 bytes.
        text = AppendOnlyBytes(capacity: nodeCount * 48)
    }

    mutating func label(_ s: String) -> Int32 { Int32(truncatingIfNeeded: labels.intern(s)) }

    /// A node whose attributes, from `attributeStart` on, were added before it.
    mutating func addNode(opType: Int32, domain: Int32, name: UnsafeRawBufferPointer, attributesFrom attributeStart: Int) {
        let nameStart = text.append(name)
        nodes.append(GraphView.NodeEntry(opType: opType, domain: domain, nameStart: Int32(truncatingIfNeeded: nameStart),
                                         nameEnd: Int32(truncatingIfNeeded: text.count),
                                         attributeStart: Int32(truncatingIfNeeded: attributeStart),
                                         attributeEnd: Int32(truncatingIfNeeded: attributes.count)))
    }

    /// An attribute with nothing beyond scalars, ints, floats and `s`.
    mutating func addSimple(name: Int32, kind: Attribute.Kind, i: Int64?, f: Float?,
                            ints: [Int64], floats: [Float], s: UnsafeRawBufferPointer?) {
        var intsIndex: Int32 = -1, floatsIndex: Int32 = -1
        if !ints.isEmpty {
            intsIndex = Int32(truncatingIfNeeded: intLists.count)
            intLists.append(ints)
        }
        if !floats.isEmpty {
            floatsIndex = Int32(truncatingIfNeeded: floatLists.count)
            floatLists.append(floats)
        }
        var sStart: Int32 = -1, sEnd: Int32 = -1
        if let s {
            sStart = Int32(truncatingIfNeeded: text.append(s))
            sEnd = Int32(truncatingIfNeeded: text.count)
        }
        attributes.append(GraphView.AttributeEntry(name: name, kind: kind, i: i, f: f, ints: intsIndex, floats: floatsIndex,
                                                   sStart: sStart, sEnd: sEnd, full: -1))
    }

    /// Any attribute (read in place: copying an `Attribute` retains each of its many fields).
    /// The flat fields are filled, and one with another payload is also kept whole.
    mutating func add(_ a: UnsafePointer<Attribute>) {
        let name = label(a.pointee.name)
        if let s = a.pointee.s {
            s.withUnsafeBytes { addSimple(name: name, kind: a.pointee.type, i: a.pointee.i, f: a.pointee.f, ints: a.pointee.ints, floats: a.pointee.floats, s: $0) }
        } else {
            addSimple(name: name, kind: a.pointee.type, i: a.pointee.i, f: a.pointee.f, ints: a.pointee.ints, floats: a.pointee.floats, s: nil)
        }
        if Self.needsFull(a.pointee) {
            attributes[attributes.count - 1].full = Int32(truncatingIfNeeded: fullAttributes.count)
            fullAttributes.append(a.pointee)
        }
    }

    /// Whether `attribute(_:)` could not rebuild `a` from the flat fields alone (the view is
    /// read, never written back, so doc strings and field presence need not survive).
    static func needsFull(_ a: Attribute) -> Bool {
        a.$t.isPresent || a.$g.isPresent || a.$sparseTensor.isPresent || a.$tp.isPresent
            || !a.strings.isEmpty || !a.tensors.isEmpty || !a.graphs.isEmpty || !a.sparseTensors.isEmpty
            || !a.typeProtos.isEmpty || !a.refAttrName.isEmpty
    }

    mutating func addInitializer(dataType: DataType, dims d: some Collection<Int64>) {
        let start = dims.count
        dims.append(contentsOf: d)
        appendInitializer(dataType: dataType, dimsFrom: start)
    }

    /// An initializer whose dims are already in `dims`, from `start` to the end.
    mutating func appendInitializer(dataType: DataType, dimsFrom start: Int) {
        initializers.append(GraphView.InitializerEntry(dataType: dataType, dimsStart: Int32(truncatingIfNeeded: start),
                                                       dimsEnd: Int32(truncatingIfNeeded: dims.count)))
    }

    /// Whether every flat array can be indexed by the `Int32` offsets of the entries (a
    /// graph decoded from more than 2 GiB of names or attribute values could not).
    var fitsInt32Offsets: Bool {
        let limit = Int(Int32.max)
        return text.count <= limit && dims.count <= limit && intLists.count <= limit && floatLists.count <= limit
            && attributes.count <= limit && fullAttributes.count <= limit && labels.count <= limit
    }
}
