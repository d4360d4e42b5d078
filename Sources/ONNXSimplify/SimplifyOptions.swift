/// Which rewrites `Simplifier` runs and their limits. The defaults canonicalise a model to
/// the form that PyTorch's eval export at opset 17 followed by onnx-simplifier produces,
/// which is what ONNX-Bench holds.
public struct SimplifyOptions: Sendable, Equatable {
    /// Upper bound on rounds of all passes (each round that changes nothing ends the loop).
    public var maxIterations = 16
    /// Default-domain opset that older models are upgraded to when every operator they use
    /// can be carried over exactly; nil keeps the model's opset.
    public var targetOpset: Int64? = 17
    /// Treat initializers that are also listed as graph inputs (IR 3 exports) as constants,
    /// dropping them from the inputs.
    public var initializersAreConstant = true
    public var foldConstants = true
    public var removeNoOps = true
    /// Treat training-mode exports as their inference form (BatchNormalization with
    /// `training_mode=1`, Dropout in training): an encoding describes the architecture, and a
    /// trained network is always evaluated with running statistics and without dropout.
    public var inferenceMode = true
    /// Fold BatchNormalization into the Conv in front of it, as PyTorch's eval export does.
    public var foldBatchNorm = true
    /// Also fold into a Gemm in front of it. Off by default: neither PyTorch's eval export nor
    /// onnx-simplifier does it, so the canonical form keeps Gemm + BatchNormalization.
    public var foldBatchNormIntoGemm = false
    /// Merge initializers with identical type, dims and bytes (onnx-simplifier does).
    public var deduplicateInitializers = true
    /// Merge nodes that compute the same thing from the same inputs (identical branches).
    public var mergeIdenticalNodes = true
    public var eliminateDeadCode = true
    public var sortTopologically = true
    /// Use shape inference to learn shapes of intermediate values.
    public var useShapeInference = true
    /// Largest tensor (elements) constant folding materialises.
    public var maxFoldedElements = 1 << 16
    /// Folding may produce a tensor larger than its constant inputs only up to this many bytes
    /// (shape vectors); larger expansions (ConstantOfShape, Expand, Tile) stay as nodes.
    public var maxExpansionBytes = 256
    /// Fixed dims for graph inputs (by name), replacing symbolic ones such as a dynamic batch,
    /// so that shape computations fold (onnx-simplifier's `--overwrite-input-shape`).
    public var inputShapes: [String: [Int64]] = [:]
    /// Return the input unchanged (with a warning) if simplification would make the model
    /// larger in nodes or bytes.
    public var neverGrow = true

    public init() {}
}
