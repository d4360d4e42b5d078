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
        var inputs = Set<String>()
        var params = Set<String>()
        for v in graph.inputs {
            inputs.insert(v.name)
            names[v.name] = Self.declaredDims(v)
        }
        for t in graph.initializers {
            params.insert(t.name)
            names[t.name] = "Param" + PythonRepr.list(t.dims.map { String($0) })
        }
        for v in graph.outputs { names[v.name] = "Out" }

        var out = ""
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
        func shapeSuffix(_ v: String, required: Bool, node: Int) -> String {
            guard style.shapes else { return "" }
            if let s = shapes.shape(v) { return ":" + s }
            if required { warnings.append("node \(node): no shape known for \(v); the reference encoder would fail here") }
            return ""
        }
        /// Ends the open chain at `cur`, naming its value.
        func breakChain(_ c: String, required: Bool, node: Int) {
            let n = nameValue(c)
            out += style.numbered ? n : "Value"
            out += shapeSuffix(c, required: required, node: node)
            out += "\n"
        }

        for (index, node) in graph.nodes.enumerated() {
            let data = node.inputs.filter { !inputs.contains($0) && !params.contains($0) }
            let side = node.inputs.filter { inputs.contains($0) || params.contains($0) }.map { names[$0] ?? "" }
            let suffix = AttributeText.suffix(node.attributes, show: style.attributes)

            if data.count == 1 && node.outputs.count == 1 {
                let d0 = data[0]
                if cur == nil {
                    out += node.opType
                    if style.inputs { out += "(" + ([ref(d0)] + side).joined(separator: ", ") + ")" }
                } else if cur == d0 {
                    out += node.opType
                    if style.inputs { out += "(" + (["prev"] + side).joined(separator: ", ") + ")" }
                } else {
                    breakChain(cur!, required: false, node: index)
                    out += node.opType
                    if style.inputs {
                        // The reference drops the data input of a restarted chain without side inputs.
                        out += "(" + (side.isEmpty ? "" : ([ref(d0)] + side).joined(separator: ", ")) + ")"
                    }
                }
                out += suffix
                cur = node.outputs[0]
                continue
            }

            if let c = cur { breakChain(c, required: true, node: index) }
            out += node.opType
            if style.inputs {
                if node.inputs.isEmpty {
                    // The reference deletes the last two characters of "op(" unconditionally:
                    // with no inputs this eats "(" and the op's last letter.
                    if !out.isEmpty { out.removeLast() }
                    out += ")"
                } else {
                    out += "(" + node.inputs.map(ref).joined(separator: ", ") + ")"
                }
            } else if variant == .chainSlimOutshape {
                out += ")"
            }
            out += suffix
            var outputNames: [String] = []
            for o in node.outputs {
                if let n = names[o] { outputNames.append(n) } else { outputNames.append(nameValue(o)) }
            }
            out += style.numbered ? outputNames.joined(separator: ", ")
                                  : outputNames.map { $0 == "Out" ? "Out" : "Value" }.joined(separator: ", ")
            if let first = node.outputs.first {
                out += shapeSuffix(first, required: true, node: index)
            } else if style.shapes {
                warnings.append("node \(index) (\(node.opType)) has no outputs; the reference encoder would fail here")
            }
            out += "\n"
            cur = nil
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
