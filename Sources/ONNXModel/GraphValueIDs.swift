import ONNXProto

/// Dense ids for the value names of one graph, and each node's input and output ids. Shape
/// inference and the encodings index arrays by these ids instead of hashing names at every
/// reference; built once per graph and shared between them (see `ShapeTable`).
public struct GraphValueIDs: Sendable {
    /// id <-> name. May hold more names than the graph (when built by extending a table).
    public private(set) var names: StringTable
    /// Every node's input ids then output ids, back to back.
    @usableFromInline var ids: [Int32] = []
    /// Node `n`'s inputs are `ids[inputStart[n]..<outputStart[n]]`, its outputs
    /// `ids[outputStart[n]..<inputStart[n + 1]]`.
    @usableFromInline var inputStart: [Int] = []
    @usableFromInline var outputStart: [Int] = []
    /// The ids of the graph's inputs, initializers, outputs and value_info, in file order
    /// (kept so that no pass hashes these names again).
    public private(set) var graphInputs: [Int] = []
    public private(set) var initializers: [Int] = []
    public private(set) var graphOutputs: [Int] = []
    public private(set) var valueInfo: [Int] = []
    /// The id of the empty name, -1 when the graph has none: checked for every node input and
    /// output, so it is a compare of two integers rather than a look into the name table.
    @usableFromInline var emptyNameID = -1

    /// Interns the names of `graph` (node values in node order, then graph inputs,
    /// initializers, outputs and value_info) into `table`.
    public init(_ graph: Graph, extending table: StringTable? = nil) {
        let expected = graph.nodes.count * 2 + graph.inputs.count + graph.initializers.count + graph.outputs.count
        var names = table ?? StringTable(expectedCount: expected)
        var ids: [Int32] = []
        var inputStart: [Int] = []
        var outputStart: [Int] = []
        ids.reserveCapacity(graph.nodes.count * 4)
        inputStart.reserveCapacity(graph.nodes.count + 1)
        outputStart.reserveCapacity(graph.nodes.count)
        // Read nodes in place: iterating by value would copy (retain) every field.
        graph.nodes.withUnsafeBufferPointer { nodes in
            for n in nodes.indices {
                inputStart.append(ids.count)
                for x in nodes[n].inputs { ids.append(Int32(truncatingIfNeeded: names.intern(x))) }
                outputStart.append(ids.count)
                for o in nodes[n].outputs { ids.append(Int32(truncatingIfNeeded: names.intern(o))) }
            }
        }
        inputStart.append(ids.count)
        var graphInputs: [Int] = [], initializers: [Int] = [], graphOutputs: [Int] = [], valueInfo: [Int] = []
        graphInputs.reserveCapacity(graph.inputs.count)
        initializers.reserveCapacity(graph.initializers.count)
        graphOutputs.reserveCapacity(graph.outputs.count)
        valueInfo.reserveCapacity(graph.valueInfo.count)
        for i in graph.inputs.indices { graphInputs.append(names.intern(graph.inputs[i].name)) }
        for i in graph.initializers.indices { initializers.append(names.intern(graph.initializers[i].name)) }
        for i in graph.outputs.indices { graphOutputs.append(names.intern(graph.outputs[i].name)) }
        for i in graph.valueInfo.indices { valueInfo.append(names.intern(graph.valueInfo[i].name)) }
        self.init(names: names, ids: ids, inputStart: inputStart, outputStart: outputStart, graphInputs: graphInputs,
                  initializers: initializers, graphOutputs: graphOutputs, valueInfo: valueInfo)
    }

    /// From its parts (also for a graph decoded straight from its bytes, which interns as it
    /// reads). `inputStart` holds one more entry than `outputStart` (the end of the last node's
    /// outputs).
    init(names: StringTable, ids: [Int32], inputStart: [Int], outputStart: [Int],
         graphInputs: [Int], initializers: [Int], graphOutputs: [Int], valueInfo: [Int]) {
        self.names = names
        self.ids = ids
        self.inputStart = inputStart
        self.outputStart = outputStart
        self.graphInputs = graphInputs
        self.initializers = initializers
        self.graphOutputs = graphOutputs
        self.valueInfo = valueInfo
        emptyNameID = names.id(of: "") ?? -1
    }

    public var count: Int { names.count }

    /// Whether the value `id` has the empty name: an omitted optional input or output.
    @inlinable
    public func isUnnamed(_ id: Int) -> Bool { id == emptyNameID }

    /// Positions in `id(at:)` of node `n`'s inputs.
    // Inlinable: the walk and inference call these for every node and value.
    @inlinable
    public func inputs(ofNode n: Int) -> Range<Int> { inputStart[n]..<outputStart[n] }

    /// Positions in `id(at:)` of node `n`'s outputs.
    @inlinable
    public func outputs(ofNode n: Int) -> Range<Int> { outputStart[n]..<inputStart[n + 1] }

    @inlinable
    public func id(at position: Int) -> Int { Int(ids[position]) }

    /// The id of a name of the graph (every name of the graph has one).
    public func id(of name: String) -> Int? { names.id(of: name) }
}
