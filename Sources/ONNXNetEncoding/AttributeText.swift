import ONNXModel

/// How the reference prints a node's attributes: `name=value` in file order, joined by `,`,
/// leaving out every attribute whose value prints as `[]` (which includes all scalars: a
/// quirk of the reference, e.g. Conv's `group` never appears).
enum AttributeText {
    static func render(_ attributes: [Attribute]) -> String {
        var out: [UInt8] = []
        render(attributes, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the attribute text; returns whether anything was appended.
    @discardableResult
    static func render(_ attributes: [Attribute], to out: inout [UInt8]) -> Bool {
        let start = out.count
        // Read the attributes in place: copying one retains each of its many fields.
        attributes.withUnsafeBufferPointer { list in
            guard let base = list.baseAddress else { return }
            for i in 0..<list.count {
                let a = base + i
                switch a.pointee.type {
                // Scalars print as `[]`: skip them before building any text.
                case .int, .float, .string: continue
                // Ints (Conv, pooling) are the common case: printed straight into the buffer.
                case .ints:
                    if a.pointee.ints.isEmpty { continue }
                    // Every part is non-empty, so a non-empty text means a part precedes this one.
                    if out.count > start { out.append(0x2C) }  // ","
                    out.append(utf8: a.pointee.name)
                    out.append(0x3D)  // "="
                    appendInts(a.pointee.ints, to: &out)
                default:
                    let v = value(a.pointee)
                    if v == "[]" { continue }
                    if out.count > start { out.append(0x2C) }
                    out.append(utf8: a.pointee.name)
                    out.append(0x3D)
                    out.append(utf8: v)
                }
            }
        }
        return out.count > start
    }

    static func value(_ a: Attribute) -> String {
        switch a.type {
        case .int, .float, .string: return "[]"
        case .ints: return intsValue(a.ints)
        case .floats:
            return PythonRepr.list(a.floats.map { PythonRepr.double(Double($0)) })
        case .strings:
            return PythonRepr.list(a.strings.map { PythonRepr.bytes($0) })
        case .tensor, .graph, .sparseTensor: return "<BLOB>"
        case .tensors, .graphs, .sparseTensors: return "<BLOB,...>"
        case .typeProto: return "<TYPE>"
        case .typeProtos: return "<TYPE,...>"
        case .undefined: return "undefined"
        default: return "undefined"
        }
    }

    /// A list of equal ints prints as the one value (the reference's quirk).
    static func intsValue(_ ints: [Int64]) -> String {
        var out: [UInt8] = []
        appendInts(ints, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendInts(_ ints: [Int64], to out: inout [UInt8]) {
        guard let first = ints.first else { out.append(ascii: "[]"); return }
        if ints.allSatisfy({ $0 == first }) { out.appendDecimal(first); return }
        // `str(list)` without spaces, as `PythonRepr.list` prints it.
        out.append(0x5B)  // "["
        for (i, v) in ints.enumerated() {
            if i > 0 { out.append(0x2C) }
            out.appendDecimal(v)
        }
        out.append(0x5D)  // "]"
    }

    /// `(attrs) --> ` or ` --> `.
    static func appendSuffix(_ attributes: [Attribute], show: Bool, to out: inout [UInt8]) {
        if show, !attributes.isEmpty {
            out.append(0x28)  // "("
            if render(attributes, to: &out) {
                out.append(ascii: ") --> ")
                return
            }
            out.removeLast()
        }
        out.append(ascii: " --> ")
    }
}
