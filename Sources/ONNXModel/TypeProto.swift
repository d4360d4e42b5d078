import ONNXProto

/// One dimension of a `TensorShapeProto`: a number, a symbolic name, or unknown.
public struct Dimension: Equatable, Hashable, Sendable {
    public enum Value: Equatable, Hashable, Sendable {
        case unknown
        case value(Int64)
        case param(String)
    }
    public var value: Value
    public var denotation: String = ""

    public init(_ value: Value, denotation: String = "") { self.value = value; self.denotation = denotation }
    public static func fixed(_ n: Int64) -> Dimension { Dimension(.value(n)) }

    // Kept out of line: when cross-module optimisation inlines this switch into callers'
    // typed-throws closures, the Swift 6.3 optimiser crashes (CopyPropagation ownership
    // verifier) in release builds.
    public var fixedValue: Int64? {
        @inline(never) get { if case .value(let v) = value { return v }; return nil }
    }

    init(from r: inout ProtoReader) throws {
        value = .unknown
        while let (field, wire) = try r.nextField() {
            switch field {
            case 1: value = .value(try r.readInt64(wire))
            case 2: value = .param(try r.readString(wire))
            case 3: denotation = try r.readString(wire)
            default: try r.skipField(wire)
            }
        }
    }

    func encode(to w: inout ProtoWriter) {
        switch value {
        case .unknown: break
        case .value(let v): w.writeInt64(1, v)
        case .param(let p): w.writeString(2, p)
        }
        if !denotation.isEmpty { w.writeString(3, denotation) }
    }
}

/// `TensorShapeProto`. A tensor type without a shape has unknown rank (`shape == nil`).
public struct TensorShape: Equatable, Hashable, Sendable {
    public var dims: [Dimension]
    public init(_ dims: [Dimension]) { self.dims = dims }
    public init(fixed: [Int64]) { self.dims = fixed.map { .fixed($0) } }

    public var rank: Int { dims.count }

    /// Whether every dim is a number without denotation: a shape inference cannot refine.
    public var isComplete: Bool {
        for d in dims {
            guard case .value = d.value, d.denotation.isEmpty else { return false }
        }
        return true
    }
    /// All dims as numbers, or nil when any is symbolic/unknown.
    public var fixedDims: [Int64]? {
        var out: [Int64] = []
        out.reserveCapacity(dims.count)
        for d in dims { guard let v = d.fixedValue else { return nil }; out.append(v) }
        return out
    }

    init(from r: inout ProtoReader) throws {
        dims = []
        while let (field, wire) = try r.nextField() {
            switch field {
            case 1:
                // Most tensors have rank 4 or less: one allocation instead of growing 1, 2, 4.
                if dims.isEmpty { dims.reserveCapacity(4) }
                // Nearly every dim is a `dim_value` alone: read without a sub-reader.
                if let v = r.readVarintOnlyMessage(wire, field: 1) {
                    dims.append(Dimension(.value(Int64(bitPattern: v))))
                } else {
                    dims.append(try r.readMessage(wire, name: "dim", index: dims.count) { try Dimension(from: &$0) })
                }
            default: try r.skipField(wire)
            }
        }
    }

    func encode(to w: inout ProtoWriter) {
        for d in dims { w.writeMessage(1) { d.encode(to: &$0) } }
    }
}

/// `TypeProto`: tensor, sparse tensor, sequence, map or optional.
public struct TypeProto: Equatable, Hashable, Sendable {
    // The whole enum is indirect: boxing only the recursive cases (which would save a tensor
    // type its allocation) made the debug build of the test suite crash in an outlined copy
    // of `TypeProto?` (Swift 6.3), so it stays as it was.
    public indirect enum Value: Equatable, Hashable, Sendable {
        case tensor(elementType: DataType, shape: TensorShape?)
        case sparseTensor(elementType: DataType, shape: TensorShape?)
        case sequence(TypeProto?)
        case map(keyType: DataType, valueType: TypeProto?)
        case optional(TypeProto?)
        case none
    }
    public var value: Value
    public var denotation: String = ""

    public init(_ value: Value, denotation: String = "") { self.value = value; self.denotation = denotation }

    public static func tensor(_ type: DataType, _ shape: [Int64]?) -> TypeProto {
        TypeProto(.tensor(elementType: type, shape: shape.map { TensorShape(fixed: $0) }))
    }

    /// Element type and shape when this is a (dense) tensor type.
    public var tensorType: (elementType: DataType, shape: TensorShape?)? {
        if case let .tensor(t, s) = value { return (t, s) }
        return nil
    }

    init(from r: inout ProtoReader) throws {
        value = .none
        while let (field, wire) = try r.nextField() {
            switch field {
            case 1, 8:
                let (t, s) = try r.readMessage(wire, name: field == 1 ? "tensor_type" : "sparse_tensor_type") { m in
                    var t = DataType.undefined
                    var s: TensorShape?
                    while let (f, w) = try m.nextField() {
                        switch f {
                        case 1: t = DataType(rawValue: try m.readInt32(w))
                        case 2: s = try m.readMessage(w, name: "shape") { try TensorShape(from: &$0) }
                        default: try m.skipField(w)
                        }
                    }
                    return (t, s)
                }
                value = field == 1 ? .tensor(elementType: t, shape: s) : .sparseTensor(elementType: t, shape: s)
            case 4, 9:
                let inner: TypeProto? = try r.readMessage(wire, name: field == 4 ? "sequence_type" : "optional_type") { m in
                    var e: TypeProto?
                    while let (f, w) = try m.nextField() {
                        if f == 1 { e = try m.readMessage(w, name: "elem_type") { try TypeProto(from: &$0) } } else { try m.skipField(w) }
                    }
                    return e
                }
                value = field == 4 ? .sequence(inner) : .optional(inner)
            case 5:
                value = try r.readMessage(wire, name: "map_type") { m in
                    var k = DataType.undefined
                    var v: TypeProto?
                    while let (f, w) = try m.nextField() {
                        switch f {
                        case 1: k = DataType(rawValue: try m.readInt32(w))
                        case 2: v = try m.readMessage(w, name: "value_type") { try TypeProto(from: &$0) }
                        default: try m.skipField(w)
                        }
                    }
                    return .map(keyType: k, valueType: v)
                }
            case 6: denotation = try r.readString(wire)
            default: try r.skipField(wire)
            }
        }
    }

    func encode(to w: inout ProtoWriter) {
        switch value {
        case let .tensor(t, s), let .sparseTensor(t, s):
            let field: Int
            if case .tensor = value { field = 1 } else { field = 8 }
            w.writeMessage(field) { m in
                m.writeInt32(1, t.rawValue)
                if let s { m.writeMessage(2) { s.encode(to: &$0) } }
            }
        case .sequence(let e), .optional(let e):
            let field: Int
            if case .sequence = value { field = 4 } else { field = 9 }
            w.writeMessage(field) { m in if let e { m.writeMessage(1) { e.encode(to: &$0) } } }
        case let .map(k, v):
            w.writeMessage(5) { m in
                m.writeInt32(1, k.rawValue)
                if let v { m.writeMessage(2) { v.encode(to: &$0) } }
            }
        case .none: break
        }
        if !denotation.isEmpty { w.writeString(6, denotation) }
    }
}

/// `ValueInfoProto`: a named value with its type.
public struct ValueInfo: Equatable, Hashable, Sendable {
    /// Optional fields that were present on the wire (see `FieldPresence`).
    public var presence = FieldPresence()
    public var name: String
    public var type: TypeProto?
    public var docString: String = ""
    public var metadataProps: [StringPair] = []

    public init(name: String, type: TypeProto?) { self.name = name; self.type = type }

    init(from r: inout ProtoReader) throws {
        name = ""
        while let (field, wire) = try r.nextField() {
            switch field {
            case 1: presence.mark(1); name = try r.readString(wire)
            case 2: type = try r.readMessage(wire, name: "type") { try TypeProto(from: &$0) }
            case 3: presence.mark(3); docString = try r.readString(wire)
            case 4: metadataProps.append(try r.readPair(wire, name: "metadata_props", index: metadataProps.count))
            default: try r.skipField(wire)
            }
        }
    }

    func encode(to w: inout ProtoWriter) {
        if !name.isEmpty || presence.has(1) { w.writeString(1, name) }
        if let t = type { w.writeMessage(2) { t.encode(to: &$0) } }
        if !docString.isEmpty || presence.has(3) { w.writeString(3, docString) }
        for p in metadataProps { w.writeMessage(4) { p.encode(to: &$0) } }
    }
}
