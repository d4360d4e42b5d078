import ONNXModel

/// A small tensor whose values are known, as constant folding sees it. Integers are kept
/// exactly (shape arithmetic must not round); floating-point values as Double, rounded to
/// the element type after every operation so that results match a float32 runtime.
struct ConstantValue: Equatable {
    enum Storage: Equatable {
        case floating([Double])
        case integer([Int64])
    }

    var dataType: DataType
    var dims: [Int64]
    var storage: Storage

    /// No tensor with more elements (zeros counted as one) is ever decoded for folding.
    static let maxElements = 1 << 24

    var count: Int { switch storage { case .floating(let v): return v.count; case .integer(let v): return v.count } }
    var isScalarLike: Bool { count == 1 }

    /// Element types folding handles. Float16/bfloat16 are left alone: writing them back would
    /// round, and exporters rarely compute shapes in them.
    static func supports(_ t: DataType) -> Bool {
        [DataType.float, .double, .int64, .int32, .int16, .int8, .uint8, .uint16, .uint32, .bool].contains(t)
    }

    static func isInteger(_ t: DataType) -> Bool {
        [DataType.int64, .int32, .int16, .int8, .uint8, .uint16, .uint32, .uint64, .bool].contains(t)
    }

    init(dataType: DataType, dims: [Int64], storage: Storage) {
        self.dataType = dataType
        self.dims = dims
        self.storage = storage
    }

    init(ints: [Int64], dims: [Int64], type: DataType = .int64) {
        self.init(dataType: type, dims: dims, storage: .integer(ints))
    }

    init(doubles: [Double], dims: [Int64], type: DataType) {
        self.init(dataType: type, dims: dims, storage: .floating(doubles.map { Self.round($0, to: type) }))
    }

    /// Reads an initializer or Constant tensor; nil for unsupported types or bad payloads.
    init?(_ t: Tensor) {
        guard Self.supports(t.dataType), !t.isExternal, let n = TensorIndexing.count(t.dims, limit: Self.maxElements) else { return nil }
        dataType = t.dataType
        dims = t.dims
        if Self.isInteger(t.dataType) {
            guard let v = try? t.int64Values(), v.count == n else { return nil }
            storage = .integer(v)
        } else {
            guard let v = try? t.doubleValues(), v.count == n else { return nil }
            storage = .floating(v)
        }
    }

    var ints: [Int64] {
        switch storage {
        case .integer(let v): return v
        case .floating(let v): return v.map { $0.isFinite ? Int64(exactly: $0.rounded(.towardZero)) ?? 0 : 0 }
        }
    }

    var doubles: [Double] {
        switch storage {
        case .integer(let v): return v.map(Double.init)
        case .floating(let v): return v
        }
    }

    /// Rounds a result to what the element type can hold (float32 results as float32).
    static func round(_ x: Double, to type: DataType) -> Double {
        type == .float ? Double(Float(x)) : x
    }

    /// Serialises back to an ONNX tensor (raw little-endian data).
    func tensor(named name: String) -> Tensor {
        switch dataType {
        case .float:
            return Tensor.float32(name: name, dims: dims, values: doubles.map(Float.init))
        case .int64:
            // Shape vectors are small numbers: packed varints take a byte or two each where
            // raw data takes eight. Whichever is shorter keeps folding from growing files.
            let values = ints
            let varintBytes = values.reduce(0) { $0 + Self.varintSize($1) }
            if varintBytes < values.count * 8 {
                var t = Tensor()
                t.name = name
                t.dataType = .int64
                t.dims = dims
                t.int64Data = values
                return t
            }
            return Tensor.int64(name: name, dims: dims, values: values)
        default:
            var bytes: [UInt8] = []
            let size = dataType.byteSize ?? 8
            bytes.reserveCapacity(count * size)
            switch dataType {
            case .double:
                for v in doubles { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
            default:
                for v in ints {
                    // Little-endian two's complement truncated to the element width.
                    for b in 0..<size { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * Int64(b)))) }
                }
            }
            return Tensor(name: name, dataType: dataType, dims: dims, rawData: bytes)
        }
    }

    private static func varintSize(_ v: Int64) -> Int {
        var u = UInt64(bitPattern: v)
        var n = 1
        while u >= 0x80 { u >>= 7; n += 1 }
        return n
    }

    /// Payload size when stored as raw data.
    var byteCount: Int { count * (dataType.byteSize ?? 8) }
}
