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
    private var ids = NameTable()
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
        ids.reserve(g.nodes.count * 2 + g.initializers.count + g.inputs.count)
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
            if let id = ids.find(name), shapes[Int(id)] == nil, let shape = type.shape { shapes[Int(id)] = Self.fixed(shape) }
        }
    }

    subscript(id: Int32) -> [Int]? { id >= 0 && Int(id) < shapes.count ? shapes[Int(id)] : nil }

    func id(_ name: String) -> Int32? { ids.find(name) }

    private mutating func intern(_ name: String) -> Int32 {
        let id = ids.insert(name, id: Int32(shapes.count))
        if Int(id) == shapes.count { shapes.append(nil) }
        return id
    }

    private mutating func record(_ name: String, _ type: TypeProto?) {
        guard let id = ids.find(name), let (_, shape) = type?.tensorType, let shape else { return }
        shapes[Int(id)] = Self.fixed(shape)
    }

    /// Symbolic dims (a batch called `N`) count as 1: the features describe one input.
    static func fixed(_ shape: TensorShape) -> [Int] {
        shape.dims.map { d in d.fixedValue.map { Int(clamping: $0) } ?? 1 }
    }
}

/// String -> id map with open addressing on a word-at-a-time 64-bit hash of the UTF-8 bytes:
/// ONNX value names are long (`/net/cells.0/layers.1/op/Conv_output_0`), and hashing them
/// with the standard library's seeded SipHash was a third of the feature extraction time.
struct NameTable {
    private var names: [String] = []
    private var hashes: [UInt64] = []
    private var slots: [Int32] = []
    private var mask = 0

    mutating func reserve(_ count: Int) {
        var capacity = 16
        while capacity < 2 * count { capacity <<= 1 }
        if capacity > slots.count { rehash(capacity) }
    }

    /// The id of `name`, inserting it with `id` when absent.
    mutating func insert(_ name: String, id: Int32) -> Int32 {
        if slots.isEmpty || 2 * (names.count + 1) > slots.count { rehash(max(16, slots.count * 2)) }
        let h = Self.hash(name)
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] >= 0 {
            let k = Int(slots[i])
            if hashes[k] == h && names[k] == name { return Int32(k) }
            i = (i + 1) & mask
        }
        precondition(Int(id) == names.count, "ids are handed out in order")
        slots[i] = id
        names.append(name)
        hashes.append(h)
        return id
    }

    func find(_ name: String) -> Int32? {
        guard !slots.isEmpty else { return nil }
        let h = Self.hash(name)
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] >= 0 {
            let k = Int(slots[i])
            if hashes[k] == h && names[k] == name { return Int32(k) }
            i = (i + 1) & mask
        }
        return nil
    }

    private mutating func rehash(_ capacity: Int) {
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        for (k, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(k)
        }
    }

    /// Eight bytes at a time over the contiguous UTF-8 (native Swift strings are; others are
    /// made so once): a byte-wise loop over `utf8` was most of the interning cost.
    @inline(__always)
    static func hash(_ s: String) -> UInt64 {
        var s = s
        return s.withUTF8 { bytes -> UInt64 in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
            var i = 0
            let raw = UnsafeRawBufferPointer(bytes)
            while i + 8 <= bytes.count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
                h ^= h >> 29
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < bytes.count { tail |= UInt64(bytes[i]) << shift; shift += 8; i += 1 }
            return StableHash.finalize(h ^ tail)
        }
    }
}
