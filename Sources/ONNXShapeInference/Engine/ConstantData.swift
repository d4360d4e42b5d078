import ONNXModel
import ONNXProto

/// Reading the values of a constant input (an initializer or a `Constant` node's tensor) the
/// way ONNX's `ParseData<T>` does: the tensor must have exactly the requested element type,
/// its data must be inside the file, and typed fields must hold as many values as the dims
/// say. Anything else is an inference failure for the node, as in ONNX.
enum ConstantData {
    static func int64s(_ t: Tensor) throws(InferenceFailure) -> [Int64] {
        try check(t, .int64)
        if let raw = t.rawData { return decode(raw, as: Int64.self).map { Int64(littleEndian: $0) } }
        try checkCount(t, t.int64Data.count)
        return t.int64Data
    }

    static func int32s(_ t: Tensor) throws(InferenceFailure) -> [Int32] {
        try check(t, .int32)
        if let raw = t.rawData { return decode(raw, as: Int32.self).map { Int32(littleEndian: $0) } }
        try checkCount(t, t.int32Data.count)
        return t.int32Data
    }

    static func floats(_ t: Tensor) throws(InferenceFailure) -> [Float] {
        try check(t, .float)
        if let raw = t.rawData {
            return decode(raw, as: UInt32.self).map { Float(bitPattern: UInt32(littleEndian: $0)) }
        }
        try checkCount(t, t.floatData.count)
        return t.floatData
    }

    static func doubles(_ t: Tensor) throws(InferenceFailure) -> [Double] {
        try check(t, .double)
        if let raw = t.rawData {
            return decode(raw, as: UInt64.self).map { Double(bitPattern: UInt64(littleEndian: $0)) }
        }
        try checkCount(t, t.doubleData.count)
        return t.doubleData
    }

    /// Integer values of an int32 or int64 tensor (for inputs that accept either).
    static func integers(_ t: Tensor) throws(InferenceFailure) -> [Int64] {
        if t.dataType == .int32 { return try int32s(t).map(Int64.init) }
        return try int64s(t)
    }

    /// The first value of a scalar-like tensor of any numeric type, widened to Int64
    /// (ONNX's `GetScalarValueFromTensor`); nil when it holds no value.
    static func scalarInteger(_ t: Tensor) throws(InferenceFailure) -> Int64? {
        switch t.dataType {
        case .int64: return try int64s(t).first
        case .int32: return try int32s(t).first.map(Int64.init)
        case .float: return try floats(t).first.flatMap { Int64(exactly: $0.rounded(.towardZero)) }
        case .double: return try doubles(t).first.flatMap { Int64(exactly: $0.rounded(.towardZero)) }
        default: throw InferenceFailure("unsupported scalar type")
        }
    }

    private static func check(_ t: Tensor, _ type: DataType) throws(InferenceFailure) {
        guard t.dataType != .undefined else { throw InferenceFailure("constant of undefined type") }
        guard t.dataType == type else { throw InferenceFailure("constant of unexpected element type") }
        guard !t.isExternal else { throw InferenceFailure("constant keeps its data in an external file") }
    }

    private static func checkCount(_ t: Tensor, _ count: Int) throws(InferenceFailure) {
        guard !t.dims.isEmpty else { return }
        var expected: Int64 = 1
        for d in t.dims {
            let (p, o) = expected.multipliedReportingOverflow(by: d)
            guard !o else { throw InferenceFailure("constant size overflows") }
            expected = p
        }
        guard expected == Int64(count) else { throw InferenceFailure("constant holds fewer values than its dims say") }
    }

    private static func decode<T: FixedWidthInteger>(_ raw: ByteSlice, as: T.Type) -> [T] {
        let n = raw.count / MemoryLayout<T>.size
        guard n > 0 else { return [] }
        return raw.withUnsafeBytes { b in
            (0..<n).map { b.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self) }
        }
    }
}
