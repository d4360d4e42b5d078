import ONNXModel

/// What shape inference found for one graph.
public struct ShapeInferenceResult: Sendable {
    /// Every value name that got a tensor type: inputs, initializers, intermediates, outputs.
    public var types: [String: InferredType]
    /// Why some values stayed unknown (unsupported operators, rules that gave up), one line each.
    public var warnings: [String]
    /// Values that inference typed and that had no declared type, in the order ONNX appends
    /// them to `graph.value_info` (graph outputs declared without a type included, as ONNX does).
    public var inferredOrder: [String]

    public init(types: [String: InferredType] = [:], warnings: [String] = [], inferredOrder: [String] = []) {
        self.types = types
        self.warnings = warnings
        self.inferredOrder = inferredOrder
    }

    public func shape(of name: String) -> TensorShape? { types[name]?.shape }
}
