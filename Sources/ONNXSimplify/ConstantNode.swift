import ONNXModel

/// The tensor a `Constant` node produces, whichever attribute holds it.
enum ConstantNode {
    static func tensor(of node: Node) -> Tensor? {
        guard node.attributes.count == 1, let a = node.attributes.first else { return nil }
        let name = node.outputs.first ?? ""
        switch a.name {
        case "value":
            guard var t = a.t, a.refAttrName.isEmpty else { return nil }
            t.name = name
            return t
        case "value_float":
            guard let f = a.f else { return nil }
            return Tensor.float32(name: name, dims: [], values: [f])
        case "value_floats":
            return Tensor.float32(name: name, dims: [Int64(a.floats.count)], values: a.floats)
        case "value_int":
            guard let i = a.i else { return nil }
            return Tensor.int64(name: name, dims: [], values: [i])
        case "value_ints":
            return Tensor.int64(name: name, dims: [Int64(a.ints.count)], values: a.ints)
        default:
            // value_string(s) and sparse_value stay as Constant nodes.
            return nil
        }
    }
}
