/// Where in a message a decoding step is: `graph.node[12].attribute[3]`.
public struct FieldPath: Sendable, Equatable, CustomStringConvertible {
    public struct Component: Sendable, Equatable {
        public let name: String
        public let index: Int?
    }
    public private(set) var components: [Component] = []

    public init() {}

    public func appending(_ name: String, index: Int?) -> FieldPath {
        var p = self
        p.components.append(Component(name: name, index: index))
        return p
    }

    func prepending(_ name: String, index: Int?) -> FieldPath {
        var p = self
        p.components.insert(Component(name: name, index: index), at: 0)
        return p
    }

    public var description: String {
        components.map { c in c.index.map { "\(c.name)[\($0)]" } ?? c.name }.joined(separator: ".")
    }
}

/// A typed decoding failure that says what went wrong, at which byte and in which field.
public struct ProtoDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case truncated
        case malformedVarint
        case lengthPastEnd(length: UInt64, remaining: Int)
        case invalidWireType(UInt8)
        case wrongWireType(expected: WireType, found: WireType)
        case invalidFieldNumber(UInt64)
        case depthLimitExceeded(limit: Int)
        case invalidUTF8
        case packedLengthMisaligned(length: Int, elementSize: Int)
        case groupsUnsupported
        case invalidValue(String)
    }

    public let kind: Kind
    /// Byte offset from the start of the input.
    public let offset: Int
    public let path: FieldPath

    public init(_ kind: Kind, offset: Int, path: FieldPath) {
        self.kind = kind
        self.offset = offset
        self.path = path
    }

    /// The same error seen from the enclosing message's field `name`.
    @usableFromInline
    func prefixed(_ name: String, index: Int?) -> ProtoDecodingError {
        ProtoDecodingError(kind, offset: offset, path: path.prepending(name, index: index))
    }

    public var description: String {
        let place = path.components.isEmpty ? "top level" : path.description
        return "protobuf decoding error at byte \(offset) in \(place): \(kindText)"
    }

    private var kindText: String {
        switch kind {
        case .truncated: return "input ends in the middle of a field"
        case .malformedVarint: return "varint longer than 10 bytes"
        case let .lengthPastEnd(length, remaining):
            return "length \(length) runs past the end of the enclosing message (\(remaining) bytes left)"
        case let .invalidWireType(raw): return "invalid wire type \(raw)"
        case let .wrongWireType(expected, found): return "wire type \(found) where \(expected) was expected"
        case let .invalidFieldNumber(n): return "invalid field number \(n)"
        case let .depthLimitExceeded(limit): return "messages nested deeper than the limit of \(limit)"
        case .invalidUTF8: return "string is not valid UTF-8"
        case let .packedLengthMisaligned(length, size):
            return "packed field of \(length) bytes is not a multiple of \(size)"
        case .groupsUnsupported: return "deprecated group encoding is not supported"
        case let .invalidValue(text): return text
        }
    }
}

/// Limits that keep hostile input from costing more than it can justify.
public struct ProtoDecodingOptions: Sendable {
    /// Maximum nesting of sub-messages (the official protobuf runtimes use 100).
    public var maxDepth: Int = 100
    /// Reject strings that are not valid UTF-8 (proto3 semantics; ONNX files are UTF-8).
    public var validateUTF8: Bool = true

    public init(maxDepth: Int = 100, validateUTF8: Bool = true) {
        self.maxDepth = maxDepth
        self.validateUTF8 = validateUTF8
    }
}
