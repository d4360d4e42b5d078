import ONNXModel

/// Our own, better-defined encoding. Unlike `chain_slim` it loses nothing and has no
/// quirks: every node is one line `%k = Op[attrs](args) : shape`, values are numbered in
/// order of definition (so names in the file do not matter), scalar attributes are shown,
/// parameters print as `P[dims]`, graph inputs as `In[dims]`, and a value that is not yet
/// defined (or an empty optional input) prints as `_`.
public struct GraphLinesEncoder {
    public init() {}

    public func encode(_ graph: Graph, shapes: ShapeTable) -> Encoding {
        encode(shapes.view(of: graph), shapes: shapes)
    }

    func encode(_ view: GraphView, shapes: ShapeTable) -> Encoding {
        let ids = view.ids
        var names: [Int: String] = [:]
        for (i, type) in view.inputTypes.enumerated() {
            var dims = TextBuffer()
            if case let .tensor(_, shape)? = type?.value { ShapeTable.append(shape, to: &dims) }
            names[ids.graphInputs[i]] = "In[" + dims.string + "]"
        }
        for i in view.initializers.indices {
            names[ids.initializers[i]] = "P" + PythonRepr.list(view.initializerDims(i).map { String($0) })
        }
        let outputs = Set(ids.graphOutputs)
        var lines: [String] = []
        lines.reserveCapacity(view.nodeCount)
        var k = 0
        for n in 0..<view.nodeCount {
            var outs: [String] = []
            for position in view.outputs(ofNode: n) {
                k += 1
                let o = ids.id(at: position)
                let name = outputs.contains(o) ? "%out\(k)" : "%\(k)"
                names[o] = name
                outs.append(name)
            }
            let args = view.inputs(ofNode: n).map { position in
                view.isEmptyName(at: position) ? "_" : (names[ids.id(at: position)] ?? "_")
            }.joined(separator: ",")
            let attrs = view.attributes(ofNode: n).map { view.attributeName($0) + "=" + Self.attributeValue(view.attribute($0)) }
                .joined(separator: ",")
            let domain = view.domain(n)
            var line = outs.joined(separator: ",") + " = " + (domain.isEmpty ? "" : domain + ".") + view.opType(n)
            if !attrs.isEmpty { line += "[" + attrs + "]" }
            line += "(" + args + ")"
            if let first = view.outputs(ofNode: n).first, let s = shapes.shape(id: ids.id(at: first)) { line += " : " + s }
            lines.append(line)
        }
        return Encoding(text: lines.joined(separator: "\n"), warnings: [])
    }

    static func attributeValue(_ a: Attribute) -> String {
        switch a.type {
        case .int: return a.i.map { String($0) } ?? "?"
        case .float: return a.f.map { PythonRepr.double(Double($0)) } ?? "?"
        case .string: return a.s.map { PythonRepr.bytes($0) } ?? "?"
        case .ints: return PythonRepr.list(a.ints.map { String($0) })
        default: return AttributeText.value(a)
        }
    }
}
