import ONNXModel

/// How an inferred type combines with a type the graph already declares for the same value
/// (ONNX's `checkShapesAndTypes` followed by `mergeShapesAndTypes`).
enum TypeMerging {
    /// Merges `inferred` into `existing`; throws when they contradict each other (different
    /// element types, ranks, or fixed dims), in which case ONNX keeps the declared type.
    static func merge(_ inferred: InferredType, into existing: inout InferredType) throws(InferenceFailure) {
        if inferred == existing { return }  // the usual case for a model that declares its types
        if inferred.elementType != .undefined, existing.elementType != .undefined,
           inferred.elementType != existing.elementType {
            throw InferenceFailure("inferred element type differs from the declared one")
        }
        if let a = inferred.shape, let b = existing.shape {
            guard a.rank == b.rank else { throw InferenceFailure("inferred rank differs from the declared one") }
            for i in 0..<a.rank {
                if let x = a.dims[i].fixedValue, let y = b.dims[i].fixedValue, x != y {
                    throw InferenceFailure("inferred dimension differs from the declared one")
                }
            }
        }
        if existing.elementType == .undefined { existing.elementType = inferred.elementType }
        guard let inferredShape = inferred.shape else { return }
        guard let shape = existing.shape else { existing.shape = inferredShape; return }
        // Usually the declared type already says everything: then nothing is written (and the
        // dims array is not copied).
        var merged: TensorShape?
        for i in 0..<inferredShape.rank {
            let d = inferredShape.dims[i]
            let old = shape.dims[i]
            if (old.value == .unknown || d.fixedValue != nil), old != d {
                if merged == nil { merged = shape }
                merged!.dims[i] = d
            }
        }
        if let merged { existing.shape = merged }
    }

    /// ONNX's `mergeInDimensionInfo` / `unifyDim`: values win over params, the target's param
    /// wins over the source's; two different values are an error.
    static func mergeDimension(_ source: Dimension, into target: inout Dimension) throws(InferenceFailure) {
        switch source.value {
        case .value(let v):
            if let t = target.fixedValue {
                if t != v { throw InferenceFailure("dimension values differ") }
            } else {
                target = Dimension(.value(v))
            }
        case .param(let p):
            if target.value == .unknown { target = Dimension(.param(p)) }
        case .unknown:
            break
        }
    }

    /// The union of two types that may both flow into one value (If branches, Loop
    /// iterations): dims that differ become unknown, differing ranks give unknown rank.
    static func union(_ source: TensorShape?, into target: inout TensorShape?) {
        guard let s = source else { target = nil; return }
        guard var t = target else { return }
        guard s.rank == t.rank else { target = nil; return }
        for i in 0..<s.rank where s.dims[i].value != t.dims[i].value {
            t.dims[i] = Dimension(.unknown)
        }
        target = t
    }
}
