import ONNXModel

/// How the reference prints a node's attributes: `name=value` in file order, joined by `,`,
/// leaving out every attribute whose value prints as `[]` (which includes all scalars: a
/// quirk of the reference, e.g. Conv's `group` never appears).
enum AttributeText {
    static func render(_ attributes: [Attribute]) -> String {
        var parts: [String] = []
        for a in attributes {
            let v = value(a)
            if v != "[]" { parts.append(a.name + "=" + v) }
        }
        return parts.joined(separator: ",")
    }

    static func value(_ a: Attribute) -> String {
        switch a.type {
        case .int, .float, .string: return "[]"
        case .ints:
            guard let first = a.ints.first else { return "[]" }
            if a.ints.allSatisfy({ $0 == first }) { return String(first) }
            return PythonRepr.list(a.ints.map { String($0) })
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

    /// `(attrs) --> ` or ` --> `.
    static func suffix(_ attributes: [Attribute], show: Bool) -> String {
        guard show else { return " --> " }
        let text = render(attributes)
        return text.isEmpty ? " --> " : "(" + text + ") --> "
    }
}
