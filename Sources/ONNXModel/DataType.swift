/// `TensorProto.DataType`: an element type. Kept open (a raw value) so that files written by
/// newer ONNX versions with types we do not know still load.
public struct DataType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }

    // Computed and inlinable: rules and decoders name these constants at every node, and a
    // `static let` of another module is read through a lazy-initialisation accessor call.
    @inlinable public static var undefined: DataType { DataType(rawValue: 0) }
    @inlinable public static var float: DataType { DataType(rawValue: 1) }
    @inlinable public static var uint8: DataType { DataType(rawValue: 2) }
    @inlinable public static var int8: DataType { DataType(rawValue: 3) }
    @inlinable public static var uint16: DataType { DataType(rawValue: 4) }
    @inlinable public static var int16: DataType { DataType(rawValue: 5) }
    @inlinable public static var int32: DataType { DataType(rawValue: 6) }
    @inlinable public static var int64: DataType { DataType(rawValue: 7) }
    @inlinable public static var string: DataType { DataType(rawValue: 8) }
    @inlinable public static var bool: DataType { DataType(rawValue: 9) }
    @inlinable public static var float16: DataType { DataType(rawValue: 10) }
    @inlinable public static var double: DataType { DataType(rawValue: 11) }
    @inlinable public static var uint32: DataType { DataType(rawValue: 12) }
    @inlinable public static var uint64: DataType { DataType(rawValue: 13) }
    @inlinable public static var complex64: DataType { DataType(rawValue: 14) }
    @inlinable public static var complex128: DataType { DataType(rawValue: 15) }
    @inlinable public static var bfloat16: DataType { DataType(rawValue: 16) }
    @inlinable public static var float8e4m3fn: DataType { DataType(rawValue: 17) }
    @inlinable public static var float8e4m3fnuz: DataType { DataType(rawValue: 18) }
    @inlinable public static var float8e5m2: DataType { DataType(rawValue: 19) }
    @inlinable public static var float8e5m2fnuz: DataType { DataType(rawValue: 20) }
    @inlinable public static var uint4: DataType { DataType(rawValue: 21) }
    @inlinable public static var int4: DataType { DataType(rawValue: 22) }
    @inlinable public static var float4e2m1: DataType { DataType(rawValue: 23) }

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
