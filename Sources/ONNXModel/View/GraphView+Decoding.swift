import ONNXProto

extension GraphView {
    /// Decodes a `GraphProto` straight into a view, in one pass and without a `Node`,
    /// `Attribute` or `Tensor` per element. The exception is an attribute holding a tensor,
    /// graph, type or list of those: it is decoded whole by `Attribute`'s decoder, so nested
    /// graphs keep the full decoder's depth limit and errors. Initializer payloads are only
    /// located here and decoded when read (`initializerTensor(_:)`).
    static func decoding(from r: inout ProtoReader) throws -> GraphView {
        var decoder = GraphViewDecoder(sizingFor: r)
        try decoder.read(&r)
        return try decoder.finish(r)
    }
}

/// The state of one graph's decoding. Errors are thrown from the same reads, with the same
/// field paths, as `Graph(from:)` throws them; fields the view does not keep are skipped,
/// which checks their framing but not their contents (so a model the full decoder rejects
/// for, say, bad UTF-8 in a doc string still gives a view).
struct GraphViewDecoder {
    var builder: GraphViewBuilder
    /// Value names (they become `GraphValueIDs.names`) and each node's value ids.
    var names: StringTable
    /// How many names node values have added to `names` (a value is new when it gets this id).
    var nodeValueCount = 0
    var valueIDs: [Int32] = []
    var inputStart: [Int] = []
    var outputStart: [Int] = []
    /// The output names of the node being read (the first `pendingCount`), interned when it
    /// ends so that its inputs get ids first whatever the field order (as
    /// `GraphValueIDs(graph)` numbers them). Reused from node to node.
    var pendingOutputs: [Range<Int>] = []
    var pendingCount = 0
    /// Names of the graph's inputs, initializers, outputs and value_info. Those new when read
    /// are interned at the end: node values first, then these in this order, which is
    /// `GraphValueIDs(graph)`'s numbering even though initializers come first in most files.
    var inputNames: [DeclaredName] = []
    var initializerNames: [DeclaredName] = []
    var outputNames: [DeclaredName] = []
    var valueInfoNames: [DeclaredName] = []
    /// value_info lists the node outputs in node order, and initializers follow the order the
    /// parameters are first used in as node inputs: checked first, without hashing.
    var expectedValueInfo = ExpectedNames()
    var expectedInitializers = ExpectedNames()
    /// A node's values and labels mostly recur at short range (an input is often an output
    /// just read; nodes alternate between a few operators).
    var recentNames = RecentKeys()
    var recentLabels = RecentKeys()
    var inputTypes: [TypeProto?] = []
    var outputTypes: [TypeProto?] = []
    var valueInfoTypes: [TypeProto?] = []
    /// Distinct attributes, runs of them and declared types, by their bytes (see
    /// `readAttributes`, `readAttribute`, `readType(_:_:)`); a run is a range of `builder.attributes`.
    var attributeCache = DecodedByBytes<GraphView.AttributeEntry>(expectedCount: 32)
    var attributeRunCache = DecodedByBytes<Range<Int>>(expectedCount: 16)
    var typeCache = DecodedByBytes<TypeProto>(expectedCount: 16)
    /// Each initializer's whole `TensorProto`, decoded on demand.
    var initializerRanges: [Range<Int>] = []
    var emptyLabelID: Int32 = -1

    /// Sizes the arrays from the graph's field counts.
    init(sizingFor r: ProtoReader) {
        let counts = GraphFieldCounts(r)
        builder = GraphViewBuilder(nodeCount: counts.nodes, initializerCount: counts.initializers)
        names = StringTable(expectedCount: counts.nodes * 2 + counts.inputs + counts.initializers + counts.outputs)
        valueIDs.reserveCapacity(counts.nodes * 3)
        inputStart.reserveCapacity(counts.nodes + 1)
        outputStart.reserveCapacity(counts.nodes)
        pendingOutputs.reserveCapacity(4)
        inputNames.reserveCapacity(counts.inputs)
        inputTypes.reserveCapacity(counts.inputs)
        initializerNames.reserveCapacity(counts.initializers)
        initializerRanges.reserveCapacity(counts.initializers)
        outputNames.reserveCapacity(counts.outputs)
        outputTypes.reserveCapacity(counts.outputs)
        valueInfoNames.reserveCapacity(counts.valueInfo)
        valueInfoTypes.reserveCapacity(counts.valueInfo)
        expectedValueInfo = ExpectedNames(capacity: counts.valueInfo)
        expectedInitializers = ExpectedNames(capacity: counts.initializers)
    }

    mutating func read(_ r: inout ProtoReader) throws {
        while let (field, wire) = try r.nextField() {
            switch field {
            case 1: try r.readMessage(wire, name: "node", index: builder.nodes.count) { try readNode(&$0) }
            case 5:
                if readKnownInitializer(wire, &r) { continue }
                try r.readMessage(wire, name: "initializer", index: initializerRanges.count) { try readInitializer(&$0) }
            case 11:
                let (name, type) = try r.readMessage(wire, name: "input", index: inputNames.count) { try readValueInfo(&$0) }
                inputNames.append(name)
                inputTypes.append(type)
            case 12:
                let (name, type) = try r.readMessage(wire, name: "output", index: outputNames.count) { try readValueInfo(&$0) }
                outputNames.append(name)
                outputTypes.append(type)
            case 13:
                if readKnownValueInfo(wire, &r) { continue }
                let (name, type) = try r.readMessage(wire, name: "value_info", index: valueInfoNames.count) {
                    try readValueInfo(&$0, listingOutputs: true)
                }
                valueInfoNames.append(name)
                valueInfoTypes.append(type)
            default: try r.skipField(wire)
            }
        }
    }

    // MARK: Nodes

    mutating func readNode(_ r: inout ProtoReader) throws {
        let attributeStart = builder.attributes.count
        inputStart.append(valueIDs.count)
        pendingCount = 0
        var opType: Int32 = -1, domain: Int32 = -1
        var name = r.position..<r.position
        while let (field, wire) = try r.nextField() {
            switch field {
            case 1:
                let id = try r.readStringKey(wire, internedIn: &names, recent: &recentNames)
                if id == nodeValueCount {
                    nodeValueCount += 1
                    expectedInitializers.append(id)
                }
                valueIDs.append(Int32(truncatingIfNeeded: id))
            case 2:
                let output = try r.readStringRange(wire)
                if pendingCount < pendingOutputs.count { pendingOutputs[pendingCount] = output } else { pendingOutputs.append(output) }
                pendingCount += 1
            case 3: name = try r.readStringRange(wire)
            case 4: opType = Int32(truncatingIfNeeded: try r.readString(wire, internedIn: &builder.labels, recent: &recentLabels))
            case 5: try readAttributes(&r, wire, nodeAttributesFrom: attributeStart)
            case 7: domain = Int32(truncatingIfNeeded: try r.readString(wire, internedIn: &builder.labels, recent: &recentLabels))
            // doc_string, overload, metadata_props and unknown fields: not part of the view.
            default: try r.skipField(wire)
            }
        }
        outputStart.append(valueIDs.count)
        for o in pendingOutputs[..<pendingCount] {
            // Validated when read.
            let id = names.intern(bytes: r.bytes(o), lender: r.storage, recent: &recentNames, checkingNew: { _ in })
            if id == nodeValueCount { nodeValueCount += 1 }
            expectedValueInfo.append(id)
            valueIDs.append(Int32(truncatingIfNeeded: id))
        }
        let op = opType >= 0 ? opType : emptyLabel(), dom = domain >= 0 ? domain : emptyLabel()
        builder.addNode(opType: op, domain: dom, name: UnsafeRawBufferPointer(r.bytes(name)), attributesFrom: attributeStart)
    }

    /// The attribute just reached and those right after it. Nodes of one kind mostly carry the
    /// same attributes (every 3x3 Conv its `dilations`, `group`, `kernel_shape`, `pads` and
    /// `strides`): a run of attribute fields whose bytes were read before shares the entries
    /// read then, found with one lookup (the same bytes at the same depth decode alike).
    mutating func readAttributes(_ r: inout ProtoReader, _ wire: WireType, nodeAttributesFrom attributeStart: Int) throws {
        let first = r.position
        if let run = r.readRun(ofField: 5, wire) {
            switch attributeRunCache.lookup(r.bytes(run), in: r.storage) {
            case .found(let entries):
                for a in entries { builder.attributes.append(builder.attributes[a]) }
                return
            case .missing(let key):
                // Read them one by one, as they would be without the run.
                r.rewind(to: first)
                let start = builder.attributes.count
                try readAttribute(&r, wire, nodeAttributesFrom: attributeStart)
                while r.position < run.upperBound, let (_, next) = try r.nextField() {
                    try readAttribute(&r, next, nodeAttributesFrom: attributeStart)
                }
                attributeRunCache.store(start..<builder.attributes.count, for: key)
                return
            }
        }
        try readAttribute(&r, wire, nodeAttributesFrom: attributeStart)
    }

    mutating func readAttribute(_ r: inout ProtoReader, _ wire: WireType, nodeAttributesFrom attributeStart: Int) throws {
        try r.readMessage(wire, name: "attribute", index: builder.attributes.count - attributeStart) { try readAttribute(&$0) }
    }

    /// Exporters repeat the same attributes node after node (`kernel_shape: [3, 3]`...): an
    /// attribute whose bytes were read before shares that entry (the same bytes at the same
    /// depth decode alike), so it is parsed and allocated once.
    mutating func readAttribute(_ r: inout ProtoReader) throws {
        let start = r.position
        switch attributeCache.lookup(r.bytes(start..<r.end), in: r.storage) {
        case .found(let entry):
            builder.attributes.append(entry)
        case .missing(let key):
            try readNewAttribute(&r, start: start)
            attributeCache.store(builder.attributes[builder.attributes.count - 1], for: key)
        }
    }

    /// Reads the flat fields in place; at the first field holding anything else, decodes the
    /// whole message again with `Attribute`'s decoder and keeps that instead.
    mutating func readNewAttribute(_ r: inout ProtoReader, start: Int) throws {
        var ints: [Int64] = [], floats: [Float] = []
        var name: Int32 = -1
        var kind = Attribute.Kind.undefined
        var i: Int64?
        var f: Float?
        var s: Range<Int>?
        while let (field, wire) = try r.nextField() {
            switch field {
            case 1: name = Int32(truncatingIfNeeded: try r.readString(wire, internedIn: &builder.labels, recent: &recentLabels))
            case 20: kind = Attribute.Kind(rawValue: try r.readInt32(wire))
            case 2: f = try r.readFloat(wire)
            case 3: i = try r.readInt64(wire)
            case 4:
                try r.expect(.lengthDelimited, wire)
                s = try r.readLengthDelimitedRange()
            case 7: try r.readRepeatedFloat(wire, into: &floats)
            case 8: try r.readRepeatedInt64(wire, into: &ints)
            // t, g, strings, tensors, graphs, tp, type_protos, ref_attr_name, sparse_tensor(s).
            case 5, 6, 9, 10, 11, 14, 15, 21, 22, 23:
                // Read again from the start by the full decoder, with this reader (its
                // errors are then the full decoder's, and `readMessage` prefixes their path).
                r.rewind(to: start)
                var a = Attribute()
                try a.decodeFields(from: &r)
                withUnsafePointer(to: a) { builder.add($0) }
                return
            // doc_string and unknown fields: not part of the view.
            default: try r.skipField(wire)
            }
        }
        let label = name >= 0 ? name : emptyLabel()
        if let s {
            builder.addSimple(name: label, kind: kind, i: i, f: f, ints: ints, floats: floats, s: UnsafeRawBufferPointer(r.bytes(s)))
        } else {
            builder.addSimple(name: label, kind: kind, i: i, f: f, ints: ints, floats: floats, s: nil)
        }
    }

    // MARK: Initializers and declared values

    /// Dims, element type and name; the rest of the `TensorProto` stays in the file.
    mutating func readInitializer(_ r: inout ProtoReader) throws {
        let whole = r.position..<r.end
        let dimsStart = builder.dims.count
        var dataType = DataType.undefined
        var name = DeclaredName(unread: whole.lowerBound)
        while let (field, wire) = try r.nextField() {
            switch field {
            case 1: try r.readRepeatedInt64(wire, into: &builder.dims)
            case 2: dataType = DataType(rawValue: try r.readInt32(wire))
            case 8: name = try Self.readDeclaredName(wire, &r, names: names, expecting: &expectedInitializers)
            default: try r.skipField(wire)
            }
        }
        builder.appendInitializer(dataType: dataType, dimsFrom: dimsStart)
        initializerNames.append(name)
        initializerRanges.append(whole)
    }

    /// A value_info that names the node output expected next and declares a type read before,
    /// appended without reading it as a message: nearly every one. false, consuming nothing,
    /// for any other (read as a message then, with its checks and errors).
    mutating func readKnownValueInfo(_ wire: WireType, _ r: inout ProtoReader) -> Bool {
        let start = r.position
        guard let (name, type) = r.readTwoFieldMessage(wire, fields: 1, 2) else { return false }
        // A type read before was read at this depth (where every declared type is).
        if let id = expectedValueInfo.match(r.bytes(name), in: names),
           case .found(let known) = typeCache.lookup(r.bytes(type), in: r.storage) {
            valueInfoNames.append(DeclaredName(id: id, range: name))
            valueInfoTypes.append(known)
            return true
        }
        r.rewind(to: start)
        return false
    }

    /// An initializer as exporters write one without its payload (its packed `dims`, each
    /// under 128, `data_type`, and `name`: the parameter expected next), added without reading
    /// it as a message. false, consuming nothing, for any other (read as a message then, with
    /// its checks and errors).
    mutating func readKnownInitializer(_ wire: WireType, _ r: inout ProtoReader) -> Bool {
        let start = r.position
        guard r.depth + 1 <= r.options.maxDepth, let whole = try? r.readBytesRange(wire) else {
            r.rewind(to: start)
            return false
        }
        let b = r.bytes(whole), n = b.count
        // [0x0A rank dims...][0x10 type][0x42 length name...], every length and value one byte.
        guard n >= 6, b[0] == 0x0A, b[1] < 0x80, Int(b[1]) + 6 <= n else {
            r.rewind(to: start)
            return false
        }
        let rank = Int(b[1]), type = 2 + rank
        guard b[type] == 0x10, b[type + 1] < 0x80, b[type + 2] == 0x42, b[type + 3] < 0x80,
              type + 4 + Int(b[type + 3]) == n, !b[2..<type].contains(where: { $0 >= 0x80 }),
              let id = expectedInitializers.match(r.bytes(whole.lowerBound + type + 4..<whole.upperBound), in: names) else {
            r.rewind(to: start)
            return false
        }
        let dimsStart = builder.dims.count
        for i in 2..<type { builder.dims.append(Int64(b[i])) }
        builder.appendInitializer(dataType: DataType(rawValue: Int32(b[type + 1])), dimsFrom: dimsStart)
        initializerNames.append(DeclaredName(id: id, range: whole.lowerBound + type + 4..<whole.upperBound))
        initializerRanges.append(whole)
        return true
    }

    /// A `ValueInfoProto`'s name and type; `listingOutputs`: the name is expected to be the
    /// node output after the one the last value_info named.
    mutating func readValueInfo(_ r: inout ProtoReader, listingOutputs: Bool = false) throws -> (name: DeclaredName, type: TypeProto?) {
        var name = DeclaredName(unread: r.position)
        var type: TypeProto?
        while let (field, wire) = try r.nextField() {
            switch field {
            case 1:
                if listingOutputs {
                    name = try Self.readDeclaredName(wire, &r, names: names, expecting: &expectedValueInfo)
                } else {
                    var unordered = ExpectedNames()
                    name = try Self.readDeclaredName(wire, &r, names: names, expecting: &unordered)
                }
            case 2: type = try readType(wire, &r)
            default: try r.skipField(wire)
            }
        }
        return (name, type)
    }

    /// Exporters declare a type for every value, and most values share a few types: each
    /// distinct `TypeProto` message is decoded (and allocated) once and then shared. Every
    /// declared type sits at the same depth, so decoding is a function of the bytes alone, and
    /// the bytes of a type read before are not read again as a message.
    mutating func readType(_ wire: WireType, _ r: inout ProtoReader) throws -> TypeProto {
        let valueStart = r.position
        let bytes = try r.readBytesRange(wire)
        switch typeCache.lookup(r.bytes(bytes), in: r.storage) {
        case .found(let type):
            return type
        case .missing(let key):
            r.rewind(to: valueStart)
            let type = try r.readMessage(wire, name: "type") { try TypeProto(from: &$0) }
            typeCache.store(type, for: key)
            return type
        }
    }

    /// A graph-level name: the id of a value read before (nearly always: value_info and
    /// initializers name node values), found without validating the bytes again; a new name is
    /// validated now, where `readStringRange` would report it, and interned by `finish`.
    @inline(__always)
    static func readDeclaredName(_ wire: WireType, _ r: inout ProtoReader, names: borrowing StringTable,
                                 expecting expected: inout ExpectedNames) throws -> DeclaredName {
        let range = try r.readBytesRange(wire)
        let key = r.bytes(range)
        if let id = expected.match(key, in: names) { return DeclaredName(id: id, range: range) }
        if let id = names.id(ofBytes: key) {
            expected.skip(past: id)
            return DeclaredName(id: id, range: range)
        }
        try r.validateUTF8(range)
        return DeclaredName(id: -1, range: range)
    }

    // MARK: Finishing

    mutating func finish(_ r: ProtoReader) throws -> GraphView {
        inputStart.append(valueIDs.count)
        func intern(_ list: [DeclaredName]) -> [Int] { list.map { $0.id >= 0 ? $0.id : Self.intern($0.range, of: r, into: &names) } }
        let graphInputs = intern(inputNames)
        let initializers = intern(initializerNames)
        let graphOutputs = intern(outputNames)
        let valueInfo = intern(valueInfoNames)
        // Only a graph of more than 2 GiB of names or values could overflow the view's offsets.
        guard builder.fitsInt32Offsets, names.count <= Int(Int32.max) else {
            throw r.error(.invalidValue("graph too large for a view"))
        }
        let ids = GraphValueIDs(names: names, ids: valueIDs, inputStart: inputStart, outputStart: outputStart,
                                graphInputs: graphInputs, initializers: initializers,
                                graphOutputs: graphOutputs, valueInfo: valueInfo)
        return GraphView(builder, ids: ids, inputTypes: inputTypes, outputTypes: outputTypes, valueInfoTypes: valueInfoTypes,
                         tensors: .encoded(r.storage, initializerRanges, r.options))
    }

    /// The id of a name whose bytes have been validated already (value names are
    /// kept as ids: no `String` is made for them).
    static func intern(_ range: Range<Int>, of r: ProtoReader, into table: inout StringTable) -> Int {
        var recent = RecentKeys()
        return table.intern(bytes: r.bytes(range), lender: r.storage, recent: &recent, checkingNew: { _ in })
    }

    /// The label of "" (an absent op_type, domain or attribute name), interned once.
    mutating func emptyLabel() -> Int32 {
        if emptyLabelID < 0 { emptyLabelID = builder.label("") }
        return emptyLabelID
    }
}

/// A name of a graph input, initializer, output or value_info: its id when known when read,
/// else (`id < 0`) the range of its validated bytes.
struct DeclaredName {
    var id: Int
    var range: Range<Int>

    /// The empty name of a message without a name field.
    init(unread at: Int) { self.init(id: -1, range: at..<at) }

    init(id: Int, range: Range<Int>) {
        self.id = id
        self.range = range
    }
}

/// Names a graph usually declares in a known order, each checked against the one expected
/// next before it is hashed.
struct ExpectedNames {
    private var ids: [Int32] = []
    private var next = 0

    init(capacity: Int = 0) { ids.reserveCapacity(capacity) }

    mutating func append(_ id: Int) { ids.append(Int32(truncatingIfNeeded: id)) }

    /// The id of `key` when it is the name expected next (the one after it is then expected).
    @inline(__always)
    mutating func match(_ key: UnsafeBufferPointer<UInt8>, in names: StringTable) -> Int? {
        guard next < ids.count else { return nil }
        let id = Int(ids[next])
        guard names.hasBytes(key, id: id) else { return nil }
        next += 1
        return id
    }

    /// After a name found otherwise: when it is one of the next few expected (the list skipped
    /// a name, e.g. a graph input among the parameters), expect the one after it.
    mutating func skip(past id: Int) {
        var i = next
        while i < Swift.min(ids.count, next + 8) {
            if ids[i] == id {
                next = i + 1
                return
            }
            i += 1
        }
    }
}
