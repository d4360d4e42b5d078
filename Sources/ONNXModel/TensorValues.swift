import ONNXProto

/// Reading a tensor's numbers, whichever field holds them.
extension Tensor {
    public enum ValueError: Error, CustomStringConvertible, Sendable {
        case unsupportedType(DataType)
        case sizeMismatch(expected: Int, found: Int)
        case external(String)
        public var description: String {
            switch self {
            case .unsupportedType(let t): return "cannot read values of type \(t)"
            case let .sizeMismatch(e, f): return "tensor holds \(f) values where its dims need \(e)"
            case .external(let name): return "tensor \(name) keeps its data in an external file"
            }
        }
    }

    /// Values widened to Double (for constants, folding and features).
    public func doubleValues() throws -> [Double] {
        if isExternal { throw ValueError.external(name) }
        let n = elementCount ?? 0
        let out: [Double]
        if let raw = rawData {
            out = try Self.decodeRaw(raw, type: dataType)
        } else {
            switch dataType {
            case .float: out = floatData.map(Double.init)
            case .double: out = doubleData
            case .int64: out = int64Data.map(Double.init)
            case .uint64, .uint32: out = uint64Data.map(Double.init)
            case .int32, .int16, .int8, .uint16, .uint8, .bool: out = int32Data.map(Double.init)
            case .float16: out = int32Data.map { Double(Self.halfToFloat(UInt16(truncatingIfNeeded: $0))) }
            case .bfloat16: out = int32Data.map { Double(Float(bitPattern: UInt32(UInt16(truncatingIfNeeded: $0)) << 16)) }
            default: throw ValueError.unsupportedType(dataType)
            }
        }
        if out.count != n { throw ValueError.sizeMismatch(expected: n, found: out.count) }
        return out
    }

    /// Integer values (for shapes, axes, indices).
    public func int64Values() throws -> [Int64] {
        if rawData == nil, dataType == .int64 {
            if isExternal { throw ValueError.external(name) }
            let n = elementCount ?? 0
            if int64Data.count != n { throw ValueError.sizeMismatch(expected: n, found: int64Data.count) }
            return int64Data
        }
        return try doubleValues().map { $0.isFinite ? Int64(exactly: $0.rounded(.towardZero)) ?? 0 : 0 }
    }

    public func floatValues() throws -> [Float] { try doubleValues().map(Float.init) }

    static func decodeRaw(_ raw: ByteSlice, type: DataType) throws -> [Double] {
        guard let size = type.byteSize else { throw ValueError.unsupportedType(type) }
        guard raw.count % size == 0 else { throw ValueError.sizeMismatch(expected: raw.count / size, found: raw.count) }
        let n = raw.count / size
        return raw.withUnsafeBytes { b -> [Double] in
            var out = [Double](); out.reserveCapacity(n)
            guard let p = b.baseAddress else { return out }
            for i in 0..<n {
                let q = p + i * size
                switch type {
                case .float: out.append(Double(Float(bitPattern: UInt32(littleEndian: q.loadUnaligned(as: UInt32.self)))))
                case .double: out.append(Double(bitPattern: UInt64(littleEndian: q.loadUnaligned(as: UInt64.self))))
                case .int64: out.append(Double(Int64(littleEndian: q.loadUnaligned(as: Int64.self))))
                case .uint64: out.append(Double(UInt64(littleEndian: q.loadUnaligned(as: UInt64.self))))
                case .int32: out.append(Double(Int32(littleEndian: q.loadUnaligned(as: Int32.self))))
                case .uint32: out.append(Double(UInt32(littleEndian: q.loadUnaligned(as: UInt32.self))))
                case .int16: out.append(Double(Int16(littleEndian: q.loadUnaligned(as: Int16.self))))
                case .uint16: out.append(Double(UInt16(littleEndian: q.loadUnaligned(as: UInt16.self))))
                case .int8: out.append(Double(q.load(as: Int8.self)))
                case .uint8, .bool: out.append(Double(q.load(as: UInt8.self)))
                case .float16: out.append(Double(halfToFloat(UInt16(littleEndian: q.loadUnaligned(as: UInt16.self)))))
                case .bfloat16: out.append(Double(Float(bitPattern: UInt32(UInt16(littleEndian: q.loadUnaligned(as: UInt16.self))) << 16)))
                default: out.append(Double.nan)
                }
            }
            return out
        }
    }

    /// IEEE half to single precision, written out so it works on every platform.
    public static func halfToFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h >> 15) << 31
        let exp = Int((h >> 10) & 0x1F)
        let frac = UInt32(h & 0x3FF)
        if exp == 0 {
            if frac == 0 { return Float(bitPattern: sign) }
            let v = Float(frac) / 1024.0 * Float(sign: .plus, exponent: -14, significand: 1)
            return sign != 0 ? -v : v
        }
        if exp == 31 { return Float(bitPattern: sign | 0x7F80_0000 | (frac << 13)) }
        return Float(bitPattern: sign | UInt32(exp - 15 + 127) << 23 | (frac << 13))
    }

    /// A float32 tensor from values (raw_data, little-endian).
    public static func float32(name: String, dims: [Int64], values: [Float]) -> Tensor {
        var bytes = [UInt8](); bytes.reserveCapacity(values.count * 4)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        return Tensor(name: name, dataType: .float, dims: dims, rawData: bytes)
    }

    /// An int64 tensor from values (raw_data, little-endian).
    public static func int64(name: String, dims: [Int64], values: [Int64]) -> Tensor {
        var bytes = [UInt8](); bytes.reserveCapacity(values.count * 8)
        for v in values { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        return Tensor(name: name, dataType: .int64, dims: dims, rawData: bytes)
    }
}
