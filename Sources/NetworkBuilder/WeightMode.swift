/// How a generated network's weights are filled.
public enum WeightMode: Sendable, Equatable {
    /// Seeded pseudo-random values (He-uniform for weights, zeros for biases), so that the file
    /// runs in any ONNX runtime and is reproducible.
    case random(seed: UInt64)
    /// Dims and type only, no payload, exactly like the ONNX-Bench golden copies: small and
    /// enough for encoding and shape inference, but not runnable and rejected by
    /// `onnx.checker` (a tensor must carry one value field).
    case shapesOnly
}
