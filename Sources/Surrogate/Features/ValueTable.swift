import ONNXModel
import ONNXShapeInference

/// Value names of a graph numbered once (`GraphValueIDs`, the ids shape inference and the
/// encodings share: string hashing was the dominant cost of walking a graph by names), with
/// the fixed shape of every value when known.
///
/// Shapes come from `value_info` (files written by the bench, and by ONNX's `infer_shapes`,
/// carry them, which costs nothing to read); when some node output has no shape there, our
/// shape inference fills the gaps.
struct ValueTable {
    /// Value ids of the graph's names.
    private let ids: GraphValueIDs
    /// Fixed dims by value id (nil = unknown).
    private(set) var shapes: [[Int]?] = []
    /// Node inputs and outputs as value ids (-1 for an empty name).
    private(set) var nodeInputs: [[Int32]] = []
    private(set) var nodeOutputs: [[Int32]] = []
    /// Whether shape inference had to run.
    private(set) var inferred = false

    var count: Int { shapes.count }

    init(model: Model) {
        let g = model.graph
        ids = GraphValueIDs(g)
        shapes = [[Int]?](repeating: nil, count: ids.count)
        let empty = ids.id(of: "").map(Int32.init) ?? -1
        func values(_ positions: Range<Int>) -> [Int32] {
            positions.map { p in
                let id = Int32(ids.id(at: p))
                return id == empty ? -1 : id
            }
        }
        nodeInputs.reserveCapacity(g.nodes.count)
        nodeOutputs.reserveCapacity(g.nodes.count)
        for n in g.nodes.indices {
            nodeInputs.append(values(ids.inputs(ofNode: n)))
            nodeOutputs.append(values(ids.outputs(ofNode: n)))
        }
        for (k, id) in ids.graphInputs.enumerated() { record(id, g.inputs[k].type) }
        for (k, id) in ids.valueInfo.enumerated() { record(id, g.valueInfo[k].type) }
        for (k, id) in ids.graphOutputs.enumerated() { record(id, g.outputs[k].type) }
        let missing = nodeOutputs.contains { outs in outs.first.map { $0 >= 0 && shapes[Int($0)] == nil } ?? false }
        guard missing else { return }
        inferred = true
        for (id, type) in ShapeInference.inferTypes(model, ids: ids).enumerated() where id < shapes.count && shapes[id] == nil {
            if let shape = type?.shape { shapes[id] = Self.fixed(shape) }
        }
    }

    subscript(id: Int32) -> [Int]? { id >= 0 && Int(id) < shapes.count ? shapes[Int(id)] : nil }

    func id(_ name: String) -> Int32? { ids.id(of: name).map(Int32.init) }

    private mutating func record(_ id: Int, _ type: TypeProto?) {
        guard let (_, shape) = type?.tensorType, let shape else { return }
        shapes[id] = Self.fixed(shape)
    }

    /// Symbolic dims (a batch called `N`) count as 1: the features describe one input.
    static func fixed(_ shape: TensorShape) -> [Int] {
        shape.dims.map { d in d.fixedValue.map { Int(clamping: $0) } ?? 1 }
    }
}
