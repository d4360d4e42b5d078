import ONNXModel

/// The reference implementation's `chain_slim` walk (and its ablation variants): nodes in
/// file order; single-input, single-output nodes are chained with `-->`, everything else
/// starts a new line with named values. See `../shared/spec/encoding.md`.
public struct ChainSlimEncoder {
    let variant: EncodingVariant
    let style: EncodingVariant.Style

    public init(variant: EncodingVariant) {
        precondition(variant != .graphLines, "graph_lines has its own encoder")
        self.variant = variant
        self.style = variant.style
    }

    public func encode(_ graph: Graph, shapes: ShapeTable) -> Encoding {
        var names: [String: String] = [:]
        names.reserveCapacity(graph.inputs.count + graph.initializers.count + graph.outputs.count + graph.nodes.count)
        // Graph inputs and initializers are "side" inputs of a node; one set, one hash per test.
        var sideValues = Set<String>(minimumCapacity: graph.inputs.count + graph.initializers.count)
        for v in graph.inputs {
            sideValues.insert(v.name)
            names[v.name] = Self.declaredDims(v)
        }
        // By index: iterating by value would copy (retain) every field of each tensor.
        for i in graph.initializers.indices {
            let name = graph.initializers[i].name
            sideValues.insert(name)
            names[name] = "Param" + PythonRepr.list(graph.initializers[i].dims.map { String($0) })
        }
        for v in graph.outputs { names[v.name] = "Out" }

        var out = ""
        // Each node prints roughly its op type, a few names and a shape: avoid regrowing.
        out.reserveCapacity(graph.nodes.count * 48)
        var warnings: [String] = []
        var cur: String?
        var k = 1

        func ref(_ x: String) -> String { names[x] ?? "prev" }
        func nameValue(_ v: String) -> String {
            let n = "Value\(k)"
            k += 1
            names[v] = n
            return n
        }
        /// `:shape` where the variant prints shapes and the shape is known.
        func appendShapeSuffix(_ v: String, required: Bool, node: Int) {
            guard style.shapes else { return }
            if let s = shapes.shape(v) {
                out += ":"
                out += s
            } else if required {
                warnings.append("node \(node): no shape known for \(v); the reference encoder would fail here")
            }
        }
        /// Ends the open chain at `cur`, naming its value.
        func breakChain(_ c: String, required: Bool, node: Int) {
            let n = nameValue(c)
            out += style.numbered ? n : "Value"
            appendShapeSuffix(c, required: required, node: node)
            out += "\n"
        }
        /// `first, side1, side2`: the side inputs (graph inputs, params) keep their file order.
        func appendArguments(first: String, of inputs: [String], to text: inout String) {
            text += first
            for x in inputs where sideValues.contains(x) {
                text += ", "
                text += names[x] ?? ""
            }
        }

        /// Appends one node's text. Takes the node's address: a `Node` argument would be copied.
        func emit(_ node: UnsafePointer<Node>, index: Int) {
            // The data inputs are the ones that are neither graph inputs nor params; only
            // their count and the first one matter.
            var dataCount = 0
            var d0 = ""
            var hasSide = false
            for x in node.pointee.inputs {
                if sideValues.contains(x) {
                    hasSide = true
                } else {
                    if dataCount == 0 { d0 = x }
                    dataCount += 1
                }
            }
            let suffix = AttributeText.suffix(node.pointee.attributes, show: style.attributes)

            if dataCount == 1 && node.pointee.outputs.count == 1 {
                if cur == nil {
                    out += node.pointee.opType
                    if style.inputs { out += "("; appendArguments(first: ref(d0), of: node.pointee.inputs, to: &out); out += ")" }
                } else if cur == d0 {
                    out += node.pointee.opType
                    if style.inputs { out += "("; appendArguments(first: "prev", of: node.pointee.inputs, to: &out); out += ")" }
                } else {
                    // The reference reads the side inputs' names before naming the chain's value.
                    // It drops the data input of a restarted chain without side inputs.
                    var arguments = ""
                    if style.inputs && hasSide { appendArguments(first: ref(d0), of: node.pointee.inputs, to: &arguments) }
                    breakChain(cur!, required: false, node: index)
                    out += node.pointee.opType
                    if style.inputs { out += "(" + arguments + ")" }
                }
                out += suffix
                cur = node.pointee.outputs[0]
                return
            }

            if let c = cur { breakChain(c, required: true, node: index) }
            out += node.pointee.opType
            if style.inputs {
                if node.pointee.inputs.isEmpty {
                    // The reference deletes the last two characters of "op(" unconditionally:
                    // with no inputs this eats "(" and the op's last letter.
                    if !out.isEmpty { out.removeLast() }
                    out += ")"
                } else {
                    out += "("
                    for (i, x) in node.pointee.inputs.enumerated() {
                        if i > 0 { out += ", " }
                        out += ref(x)
                    }
                    out += ")"
                }
            } else if variant == .chainSlimOutshape {
                out += ")"
            }
            out += suffix
            for (i, o) in node.pointee.outputs.enumerated() {
                if i > 0 { out += ", " }
                let n = names[o] ?? nameValue(o)
                out += style.numbered ? n : (n == "Out" ? "Out" : "Value")
            }
            if let first = node.pointee.outputs.first {
                appendShapeSuffix(first, required: true, node: index)
            } else if style.shapes {
                warnings.append("node \(index) (\(node.pointee.opType)) has no outputs; the reference encoder would fail here")
            }
            out += "\n"
            cur = nil
        }
        graph.nodes.withUnsafeBufferPointer { nodes in
            guard let base = nodes.baseAddress else { return }
            for index in 0..<nodes.count { emit(base + index, index: index) }
        }
        if let c = cur {
            if let n = names[c] { out += n } else {
                warnings.append("the last chain ends in an unnamed value; the reference encoder would fail here")
            }
        }
        return Encoding(text: out, warnings: warnings)
    }

    /// A graph input's declared dims joined by `x` (symbolic dims as 0).
    static func declaredDims(_ v: ValueInfo) -> String {
        guard case let .tensor(_, shape)? = v.type?.value else { return "" }
        return ShapeTable.format(shape)
    }
}
