/// `TensorProto.DataType`: an element type. Kept open (a raw value) so that files written by
/// newer ONNX versions with types we do not know still load.
public struct DataType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let undefined = DataType(rawValue: 0)
    public static let float = DataType(rawValue: 1)
    public static let uint8 = DataType(rawValue: 2)
    public static let int8 = DataType(rawValue: 3)
    public static let uint16 = DataType(rawValue: 4)
    public static let int16 = DataType(rawValue: 5)
    public static let int32 = DataType(rawValue: 6)
    public static let int64 = DataType(rawValue: 7)
    public static let string = DataType(rawValue: 8)
    public static let bool = DataType(rawValue: 9)
    public static let float16 = DataType(rawValue: 10)
    public static let double = DataType(rawValue: 11)
    public static let uint32 = DataType(rawValue: 12)
    public static let uint64 = DataType(rawValue: 13)
    public static let complex64 = DataType(rawValue: 14)
    public static let complex128 = DataType(rawValue: 15)
    public static let bfloat16 = DataType(rawValue: 16)
    public static let float8e4m3fn = DataType(rawValue: 17)
    public static let float8e4m3fnuz = DataType(rawValue: 18)
    public static let float8e5m2 = DataType(rawValue: 19)
    public static let float8e5m2fnuz = DataType(rawValue: 20)
    public static let uint4 = DataType(rawValue: 21)
    public static let int4 = DataType(rawValue: 22)
    public static let float4e2m1 = DataType(rawValue: 23)

    /// Bytes per element in `raw_data`; nil for strings, sub-byte types and unknown types.
    public var byteSize: Int? {
        switch rawValue {
        case 1, 6, 12: return 4
        case 2, 3, 9, 17, 18, 19, 20: return 1
        case 4, 5, 10, 16: return 2
        case 7, 11, 13, 14: return 8
        case 15: return 16
        default: return nil
        }
    }

    /// Bits per element, including the 4-bit types (packed two per byte).
    public var bitSize: Int? {
        if let b = byteSize { return b * 8 }
        switch rawValue {
        case 21, 22, 23: return 4
        default: return nil
        }
    }

    public var isFloatingPoint: Bool { [1, 10, 11, 16, 17, 18, 19, 20, 23].contains(rawValue) }

    public var name: String {
        let names = ["UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32", "INT64", "STRING",
                     "BOOL", "FLOAT16", "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16",
                     "FLOAT8E4M3FN", "FLOAT8E4M3FNUZ", "FLOAT8E5M2", "FLOAT8E5M2FNUZ", "UINT4", "INT4", "FLOAT4E2M1"]
        return rawValue >= 0 && Int(rawValue) < names.count ? names[Int(rawValue)] : "TYPE\(rawValue)"
    }

    public var description: String { name }
}
