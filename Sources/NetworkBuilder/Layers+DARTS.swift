import ONNXModel

/// Layers the DARTS / NAS-Bench-301 networks need beyond the common ones.
extension NetworkBuilder {
    /// Python slicing such as `x[:, :, 1:, 1:]` (DARTS' FactorizedReduce) as the exporter and
    /// onnx-simplifier leave it: one Slice over the sliced axes, with int64 `starts`, `ends`
    /// (`Int64.max` for an open end), `axes` and `steps` inputs. Spatial axes only: the
    /// channel count is carried over unchanged.
    public mutating func slice(_ x: BuiltValue, starts: [Int64], ends: [Int64], axes: [Int64],
                               steps: [Int64]? = nil) -> BuiltValue {
        precondition(!axes.contains(1), "slice keeps the channel axis whole")
        let steps = steps ?? [Int64](repeating: 1, count: starts.count)
        // Slice takes its ranges as attributes (and has no steps) before opset 10.
        if opset < 10 {
            precondition(steps.allSatisfy { $0 == 1 }, "Slice before opset 10 has no steps")
            let y = node("Slice", [x.name], attributes: [.ints("axes", axes), .ints("ends", ends), .ints("starts", starts)])
            return BuiltValue(name: y[0], channels: x.channels)
        }
        let inputs = [x.name, int64Constant(starts), int64Constant(ends), int64Constant(axes), int64Constant(steps)]
        return BuiltValue(name: node("Slice", inputs)[0], channels: x.channels)
    }
}
