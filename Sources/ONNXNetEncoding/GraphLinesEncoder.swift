import ONNXModel

/// Our own, better-defined encoding. Unlike `chain_slim` it loses nothing and has no
/// quirks: every node is one line `%k = Op[attrs](args) : shape`, values are numbered in
/// order of definition (so names in the file do not matter), scalar attributes are shown,
/// parameters print as `P[dims]`, graph inputs as `In[dims]`, and a value that is not yet
/// defined (or an empty optional input) prints as `_`.
public struct GraphLinesEncoder {
    public init() {}

    public func encode(_ graph: Graph, shapes: ShapeTable) -> Encoding {
        var names: [String: String] = [:]
        for v in graph.inputs { names[v.name] = "In[" + ChainSlimEncoder.declaredDims(v) + "]" }
        for t in graph.initializers { names[t.name] = "P" + PythonRepr.list(t.dims.map { String($0) }) }
        let outputs = Set(graph.outputs.map(\.name))
        var lines: [String] = []
        lines.reserveCapacity(graph.nodes.count)
        var k = 0
        for node in graph.nodes {
            var outs: [String] = []
            for o in node.outputs {
                k += 1
                let n = outputs.contains(o) ? "%out\(k)" : "%\(k)"
                names[o] = n
                outs.append(n)
            }
            let args = node.inputs.map { $0.isEmpty ? "_" : (names[$0] ?? "_") }.joined(separator: ",")
            let attrs = node.attributes.map { $0.name + "=" + Self.attributeValue($0) }.joined(separator: ",")
            var line = outs.joined(separator: ",") + " = " + (node.domain.isEmpty ? "" : node.domain + ".") + node.opType
            if !attrs.isEmpty { line += "[" + attrs + "]" }
            line += "(" + args + ")"
            if let first = node.outputs.first, let s = shapes.shape(first) { line += " : " + s }
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
