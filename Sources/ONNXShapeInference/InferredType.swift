import ONNXModel

/// The element type and shape inference found for one tensor value.
public struct InferredType: Equatable, Sendable {
    public var elementType: DataType
    /// nil = unknown rank. A known rank may still hold unknown (`.unknown`) or symbolic dims.
    public var shape: TensorShape?

    public init(elementType: DataType, shape: TensorShape?) {
        self.elementType = elementType
        self.shape = shape
    }

    /// The `TypeProto` ONNX would store for this value.
    public var typeProto: TypeProto { TypeProto(.tensor(elementType: elementType, shape: shape)) }

    /// Marks an empty dictionary slot during single-lookup updates; never stored for long.
    static let placeholder = InferredType(elementType: DataType(rawValue: Int32.min), shape: nil)
    var isPlaceholder: Bool { elementType.rawValue == Int32.min }
}
