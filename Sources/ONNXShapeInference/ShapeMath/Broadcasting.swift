import ONNXModel

/// Numpy-style (multidirectional) broadcasting of shapes, as ONNX's
/// `multidirectionalBroadcastShapeInference` does it: fixed dims other than 1 must agree; a
/// dim that is only known symbolically survives when it is the only symbol at that position
/// and no fixed dim other than 1 is there; otherwise the result dim is unknown.
enum Broadcasting {
    static func shape(_ shapes: [TensorShape]) throws(InferenceFailure) -> TensorShape {
        var rank = 0
        for s in shapes { rank = max(rank, s.rank) }
        var dims: [Dimension] = []
        dims.reserveCapacity(rank)
        for i in 0..<rank {
            var value: Int64 = 1
            var symbolic: Dimension?
            var symbolCount = 0
            for s in shapes {
                let offset = i - (rank - s.rank)
                guard offset >= 0 else { continue }
                let d = s.dims[offset]
                if let v = d.fixedValue {
                    if v != 1 {
                        if value != v && value != 1 { throw InferenceFailure("incompatible dimensions for broadcasting") }
                        value = v
                    }
                } else if symbolCount == 0 {
                    symbolic = d
                    symbolCount = 1
                } else if paramName(d) != paramName(symbolic!) {
                    symbolCount += 1
                }
            }
            if value != 1 || symbolCount == 0 {
                dims.append(Dimension(.value(value)))
            } else if symbolCount == 1 {
                dims.append(symbolic!)
            } else {
                dims.append(Dimension(.unknown))
            }
        }
        return TensorShape(dims)
    }

    static func shape(_ a: TensorShape, _ b: TensorShape) throws(InferenceFailure) -> TensorShape {
        // Equal shapes broadcast to themselves (a fixed dim is rebuilt without its
        // denotation, hence the check), which spares the allocation in the common case.
        if a == b, a.dims.allSatisfy({ $0.denotation.isEmpty }) { return a }
        return try shape([a, b])
    }

    /// ONNX compares `dim_param()` strings: an unknown dim reads as the empty name.
    private static func paramName(_ d: Dimension) -> String {
        if case .param(let p) = d.value { return p }
        return ""
    }
}
