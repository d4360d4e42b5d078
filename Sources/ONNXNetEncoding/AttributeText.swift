import ONNXModel

/// How the reference prints a node's attributes: `name=value` in file order, joined by `,`,
/// leaving out every attribute whose value prints as `[]` (which includes all scalars: a
/// quirk of the reference, e.g. Conv's `group` never appears).
enum AttributeText {
    /// The text of a list of attributes (through a one-node view, as the walk reads them).
    static func render(_ attributes: [Attribute]) -> String {
        var node = Node(opType: "", inputs: [], outputs: [])
        node.attributes = attributes
        var g = Graph()
        g.nodes = [node]
        let view = GraphView(g)
        var out = TextBuffer()
        render(view, view.attributes(ofNode: 0), to: &out)
        return out.string
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
        var out = TextBuffer()
        appendInts(ints, to: &out)
        return out.string
    }

    static func appendInts(_ ints: [Int64], to out: inout TextBuffer) {
        guard let first = ints.first else { out.append(ascii: "[]"); return }
        if ints.allSatisfy({ $0 == first }) { out.appendDecimal(first); return }
        // `str(list)` without spaces, as `PythonRepr.list` prints it.
        out.append(0x5B)  // "["
        for i in ints.indices {
            if i > 0 { out.append(0x2C) }
            out.appendDecimal(ints[i])
        }
        out.append(0x5D)  // "]"
    }

    /// `(attrs) --> ` or ` --> ` for node `n` of `view`.
    static func appendSuffix(_ view: GraphView, node n: Int, show: Bool, to out: inout TextBuffer) {
        let attributes = view.attributes(ofNode: n)
        if show, !attributes.isEmpty {
            out.append(0x28)  // "("
            if render(view, attributes, to: &out) {
                out.append(ascii: ") --> ")
                return
            }
            out.removeLast()
        }
        out.append(ascii: " --> ")
    }

    /// Appends the text of the view's attributes at `indices` (a node's); returns whether
    /// anything was appended. Ints (Conv, pooling) are the common case: printed straight from
    /// the view's flat array.
    @discardableResult
    static func render(_ view: GraphView, _ indices: Range<Int>, to out: inout TextBuffer) -> Bool {
        let start = out.count
        for a in indices {
            let kind = view.attributes[a].kind
            switch kind {
            case .int, .float, .string: continue
            case .ints:
                let ints = view.ints(a)
                if ints.isEmpty { continue }
                if out.count > start { out.append(0x2C) }
                view.withLabelUTF8(view.attributes[a].name) { out.append($0) }
                out.append(0x3D)
                appendInts(ints, to: &out)
            default:
                let v = value(view.attribute(a))
                if v == "[]" { continue }
                if out.count > start { out.append(0x2C) }
                view.withLabelUTF8(view.attributes[a].name) { out.append($0) }
                out.append(0x3D)
                out.append(utf8: v)
            }
        }
        return out.count > start
    }
}
