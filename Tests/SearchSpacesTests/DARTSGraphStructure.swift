import ONNXModel

/// A graph written node by node with names replaced by structure, so that two exports of
/// the same network compare equal whatever their value and parameter names: each input is
/// `input`, `node N.K` (output K of the N-th node) or `param[dims]` (int64 constants with their
/// values), each attribute `name=value`.
enum DARTSGraphStructure {
    static func lines(_ graph: Graph) -> [String] {
        let initializers = Dictionary(graph.initializers.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let graphInputs = Set(graph.inputs.map(\.name))
        var producer: [String: String] = [:]
        var lines: [String] = []
        for (n, node) in graph.nodes.enumerated() {
            let inputs = node.inputs.map { name -> String in
                if let p = producer[name] { return p }
                if let t = initializers[name] {
                    let values = t.dataType == .int64 ? "=\((try? t.int64Values()) ?? [])" : ""
                    return "param\(t.dims)\(t.dataType == .float ? "" : "(\(t.dataType))")\(values)"
                }
                return graphInputs.contains(name) ? "input" : "unknown \(name)"
            }
            let attributes = node.attributes.sorted { $0.name < $1.name }.map(describe)
            lines.append("\(node.opType)(\(inputs.joined(separator: ", ")))[\(attributes.joined(separator: ", "))]")
            for (k, out) in node.outputs.enumerated() { producer[out] = "node \(n).\(k)" }
        }
        lines.append("outputs: " + graph.outputs.map { producer[$0.name] ?? $0.name }.joined(separator: ", "))
        return lines
    }

    private static func describe(_ a: Attribute) -> String {
        switch a.type {
        case .int: return "\(a.name)=\(a.i ?? 0)"
        case .ints: return "\(a.name)=\(a.ints)"
        case .float: return "\(a.name)=\(a.f ?? 0)"
        case .floats: return "\(a.name)=\(a.floats)"
        case .string: return "\(a.name)=\(a.stringValue ?? "")"
        default: return "\(a.name):\(a.type.rawValue)"
        }
    }

    /// The first difference, or nil when the graphs agree node by node.
    static func firstDifference(_ ours: Graph, _ reference: Graph) -> String? {
        let a = lines(ours), b = lines(reference)
        for i in 0..<min(a.count, b.count) where a[i] != b[i] {
            return "node \(i) (\(i < ours.nodes.count ? ours.nodes[i].name : "-") / \(i < reference.nodes.count ? reference.nodes[i].name : "-")):\n  ours:      \(a[i])\n  reference: \(b[i])"
        }
        return a.count == b.count ? nil : "node counts differ: \(ours.nodes.count) vs \(reference.nodes.count)"
    }
}
