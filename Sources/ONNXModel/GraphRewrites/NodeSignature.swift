/// What decides the values a node computes: everything but its name, its outputs, its doc
/// string and its metadata. Two nodes of a deterministic operator with equal signatures
/// compute the same thing, so common-subexpression elimination keys on this.
public struct NodeSignature: Hashable, Sendable {
    /// A node input as the comparison sees it.
    public enum Input: Hashable, Sendable {
        /// A value, by name.
        case value(String)
        /// A small int64 constant, by dims and values: exporters write the same shape or axes
        /// under a fresh name at every use, and those uses still compute the same thing.
        case int64Constant(dims: [Int64], values: [Int64])

        /// Int64 constants up to this many elements compare by value; larger ones by name.
        public static let maxConstantElements = 16

        /// `tensor` as a by-value input when it is a small, readable int64 constant.
        public static func constant(_ tensor: Tensor) -> Input? {
            guard tensor.dataType == .int64, let n = tensor.elementCount, n <= maxConstantElements,
                  let values = try? tensor.int64Values() else { return nil }
            return .int64Constant(dims: tensor.dims, values: values)
        }
    }

    /// The node with inputs, outputs, name, doc string and metadata cleared: operator,
    /// domain, overload, attributes (and anything else the file carried) remain.
    private let rest: Node
    private let inputs: [Input]

    /// `constants` maps initializer names to their by-value form (see `Input.constant`);
    /// inputs not in it compare by name.
    public init(_ node: Node, constants: [String: Input] = [:]) {
        var rest = node
        rest.inputs = []
        rest.outputs = []
        rest.name = ""
        rest.docString = ""
        rest.metadataProps = []
        self.rest = rest
        inputs = constants.isEmpty ? node.inputs.map { .value($0) } : node.inputs.map { constants[$0] ?? .value($0) }
    }
}

extension Graph {
    /// The by-value form of every small int64 initializer that no graph input can override.
    public func smallInt64Constants() -> [String: NodeSignature.Input] {
        let overridable = Set(inputs.map(\.name))
        var constants: [String: NodeSignature.Input] = [:]
        for t in initializers where constants[t.name] == nil && !overridable.contains(t.name) {
            if let key = NodeSignature.Input.constant(t) { constants[t.name] = key }
        }
        return constants
    }
}
