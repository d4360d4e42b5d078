import ONNXModel
import ONNXShapeInference

/// Value names of a graph numbered once (string hashing is the dominant cost of walking a
/// graph by names), with the fixed shape of every value when known.
///
/// Shapes come from `value_info` (files written by the bench, and by ONNX's `infer_shapes`,
/// carry them, which costs nothing to read); when some node output has no shape there, our
/// shape inference fills the gaps.
struct ValueTable {
    /// Value id by name.
    private(set) var ids: [String: Int32] = [:]
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
        ids.reserveCapacity(g.nodes.count * 2 + g.initializers.count + g.inputs.count)
        // Indexing (not `for t in`) avoids copying every Tensor value.
        for i in g.initializers.indices { _ = intern(g.initializers[i].name) }
        for v in g.inputs { _ = intern(v.name) }
        nodeOutputs.reserveCapacity(g.nodes.count)
        nodeInputs.reserveCapacity(g.nodes.count)
        for i in g.nodes.indices { nodeOutputs.append(g.nodes[i].outputs.map { $0.isEmpty ? -1 : intern($0) }) }
        for i in g.nodes.indices { nodeInputs.append(g.nodes[i].inputs.map { $0.isEmpty ? -1 : intern($0) }) }
        for v in g.inputs { record(v.name, v.type) }
        for i in g.valueInfo.indices { record(g.valueInfo[i].name, g.valueInfo[i].type) }
        for v in g.outputs { record(v.name, v.type) }
        let missing = nodeOutputs.contains { outs in outs.first.map { $0 >= 0 && shapes[Int($0)] == nil } ?? false }
        guard missing else { return }
        inferred = true
        let result = ShapeInference.infer(model)
        for (name, type) in result.types {
            if let id = ids[name], shapes[Int(id)] == nil, let shape = type.shape { shapes[Int(id)] = Self.fixed(shape) }
        }
    }

    subscript(id: Int32) -> [Int]? { id >= 0 && Int(id) < shapes.count ? shapes[Int(id)] : nil }

    func id(_ name: String) -> Int32? { ids[name] }

    private mutating func intern(_ name: String) -> Int32 {
        if let id = ids[name] { return id }
        let id = Int32(shapes.count)
        ids[name] = id
        shapes.append(nil)
        return id
    }

    private mutating func record(_ name: String, _ type: TypeProto?) {
        guard let id = ids[name], let (_, shape) = type?.tensorType, let shape else { return }
        shapes[Int(id)] = Self.fixed(shape)
    }

    /// Symbolic dims (a batch called `N`) count as 1: the features describe one input.
    static func fixed(_ shape: TensorShape) -> [Int] {
        shape.dims.map { d in d.fixedValue.map { Int(clamping: $0) } ?? 1 }
    }
}
