import ONNXModel

/// How the reference prints a node's attributes: `name=value` in file order, joined by `,`,
/// leaving out every attribute whose value prints as `[]` (which includes all scalars: a
/// quirk of the reference, e.g. Conv's `group` never appears).
enum AttributeText {
    static func render(_ attributes: [Attribute]) -> String {
        var text = ""
        // Read the attributes in place: copying one retains each of its many fields.
        attributes.withUnsafeBufferPointer { list in
            guard let base = list.baseAddress else { return }
            for i in 0..<list.count {
                let a = base + i
                // Scalars print as `[]`: skip them before building any text.
                switch a.pointee.type {
                case .int, .float, .string: continue
                default: break
                }
                // Ints (Conv, pooling) are the common case: read them without copying the attribute.
                let v = a.pointee.type == .ints ? intsValue(a.pointee.ints) : value(a.pointee)
                if v == "[]" { continue }
                // Every part is non-empty, so a non-empty text means a part precedes this one.
                if !text.isEmpty { text += "," }
                text += a.pointee.name
                text += "="
                text += v
            }
        }
        return text
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
        guard let first = ints.first else { return "[]" }
        if ints.allSatisfy({ $0 == first }) { return String(first) }
        return PythonRepr.list(ints.map { String($0) })
    }

    /// `(attrs) --> ` or ` --> `.
    static func suffix(_ attributes: [Attribute], show: Bool) -> String {
        guard show, !attributes.isEmpty else { return " --> " }
        let text = render(attributes)
        return text.isEmpty ? " --> " : "(" + text + ") --> "
    }
}
