import ONNXModel
import ONNXProto

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
        encode(shapes.view(of: graph), shapes: shapes)
    }

    /// `view`'s value ids must extend `shapes`' names (a view the table was inferred from, or
    /// one built by extending its names).
    func encode(_ view: GraphView, shapes: ShapeTable) -> Encoding {
        var walk = Walk(view: view, shapes: shapes, style: style, variant: variant)
        for index in 0..<view.nodeCount { walk.emit(index) }
        return walk.finish()
    }
}

/// What each value prints as (`Value3`, `Out`, `Param[16]`, declared dims), by id: a range
/// of `arena`, `start < 0` while it has no name (it then prints as `prev`).
private struct DisplayNames: ~Copyable {
    var start: [Int32]
    var end: [Int32]
    var arena: TextBuffer
    /// Graph inputs and initializers are "side" inputs of a node.
    var isSide: [Bool]

    init(count: Int) {
        start = Array(repeating: -1, count: count)
        end = Array(repeating: -1, count: count)
        isSide = Array(repeating: false, count: count)
        arena = TextBuffer(capacity: count * 8)
    }

    mutating func set(_ id: Int, _ write: (inout TextBuffer) -> Void) {
        let s = arena.count
        write(&arena)
        start[id] = Int32(truncatingIfNeeded: s)
        end[id] = Int32(truncatingIfNeeded: arena.count)
    }

    /// Names the value `Value<k>`.
    mutating func setValue(_ id: Int, number k: Int) {
        set(id) { a in
            a.append(ascii: "Value")
            a.appendDecimal(Int64(k))
        }
    }

    @inline(__always)
    func has(_ id: Int) -> Bool { start[id] >= 0 }

    @inline(__always)
    func append(_ id: Int, to text: inout TextBuffer) {
        text.append(arena, Int(start[id])..<Int(end[id]))
    }

    /// A value's name, or `prev` when it has none.
    @inline(__always)
    func appendRef(_ id: Int, to text: inout TextBuffer) {
        if has(id) { append(id, to: &text) } else { text.append(ascii: "prev") }
    }

    func isOut(_ id: Int) -> Bool {
        let s = Int(start[id])
        return end[id] - start[id] == 3 && arena[s] == 0x4F && arena[s + 1] == 0x75 && arena[s + 2] == 0x74
    }

    /// `, side1, side2` after the first argument: the side inputs (graph inputs, params) keep
    /// their file order.
    func appendSideArguments(_ inputs: Range<Int>, of ids: borrowing GraphValueIDs, to text: inout TextBuffer) {
        for j in inputs {
            let x = ids.id(at: j)
            guard isSide[x] else { continue }
            text.append(ascii: ", ")
            if has(x) { append(x, to: &text) }
        }
    }
}

/// The state of one walk. Value names are interned once (extending the shape table's ids,
/// so that shapes are found by index) and the text is built as UTF-8 bytes.
private struct Walk: ~Copyable {
    let style: EncodingVariant.Style
    let variant: EncodingVariant
    let shapes: ShapeTable
    /// The graph, its value ids extending the shape table's names.
    let view: GraphView
    let ids: GraphValueIDs
    var names: DisplayNames
    var out: TextBuffer
    var scratch = TextBuffer()
    var warnings: [String] = []
    var cur: Int?
    var k = 1

    init(view: GraphView, shapes: ShapeTable, style: EncodingVariant.Style, variant: EncodingVariant) {
        self.style = style
        self.variant = variant
        self.shapes = shapes
        let ids = view.ids
        var names = DisplayNames(count: ids.count)
        for (i, type) in view.inputTypes.enumerated() {
            let id = ids.graphInputs[i]
            names.isSide[id] = true
            names.set(id) { a in
                if case let .tensor(_, shape)? = type?.value { ShapeTable.append(shape, to: &a) }
            }
        }
        for i in view.initializers.indices {
            let id = ids.initializers[i]
            names.isSide[id] = true
            names.set(id) { a in
                a.append(ascii: "Param[")
                for (j, d) in view.initializerDims(i).enumerated() {
                    if j > 0 { a.append(0x2C) }
                    a.appendDecimal(d)
                }
                a.append(0x5D)
            }
        }
        for id in ids.graphOutputs { names.set(id) { $0.append(ascii: "Out") } }
        self.view = view
        self.ids = ids
        self.names = names
        out = TextBuffer(capacity: view.nodeCount * 64)
    }

    /// Names the value `Value<k>`.
    mutating func nameValue(_ id: Int) {
        names.setValue(id, number: k)
        k += 1
    }

    /// `:shape` where the variant prints shapes and the shape is known.
    mutating func appendShapeSuffix(_ id: Int, required: Bool, node: Int) {
        guard style.shapes else { return }
        out.append(0x3A)  // ":"
        if !shapes.appendShape(id: id, to: &out) {
            out.removeLast()
            if required {
                warnings.append("node \(node): no shape known for \(ids.names[id]); the reference encoder would fail here")
            }
        }
    }

    /// Ends the open chain at `c`, naming its value.
    mutating func breakChain(_ c: Int, required: Bool, node: Int) {
        nameValue(c)
        if style.numbered { names.append(c, to: &out) } else { out.append(ascii: "Value") }
        appendShapeSuffix(c, required: required, node: node)
        out.append(0x0A)
    }

    /// Appends node `index`'s operator type (copied from the view's label bytes).
    mutating func appendOpType(_ index: Int) {
        view.withLabelUTF8(view.nodes[index].opType) { out.append($0) }
    }

    /// Appends the text of node `index`.
    mutating func emit(_ index: Int) {
        let inputs = ids.inputs(ofNode: index)
        let outputs = ids.outputs(ofNode: index)
        // The data inputs are the ones that are neither graph inputs nor params; only
        // their count and the first one matter.
        var dataCount = 0
        var d0 = 0
        var hasSide = false
        for j in inputs {
            let x = ids.id(at: j)
            if names.isSide[x] {
                hasSide = true
            } else {
                if dataCount == 0 { d0 = x }
                dataCount += 1
            }
        }

        if dataCount == 1 && outputs.count == 1 {
            if cur == nil {
                appendOpType(index)
                if style.inputs {
                    out.append(0x28)
                    names.appendRef(d0, to: &out)
                    names.appendSideArguments(inputs, of: ids, to: &out)
                    out.append(0x29)
                }
            } else if cur == d0 {
                appendOpType(index)
                if style.inputs {
                    out.append(ascii: "(prev")
                    names.appendSideArguments(inputs, of: ids, to: &out)
                    out.append(0x29)
                }
            } else {
                // The reference reads the side inputs' names before naming the chain's value.
                // It drops the data input of a restarted chain without side inputs.
                scratch.removeAll()
                if style.inputs && hasSide {
                    names.appendRef(d0, to: &scratch)
                    names.appendSideArguments(inputs, of: ids, to: &scratch)
                }
                breakChain(cur!, required: false, node: index)
                appendOpType(index)
                if style.inputs {
                    out.append(0x28)
                    out.append(scratch)
                    out.append(0x29)
                }
            }
            AttributeText.appendSuffix(view, node: index, show: style.attributes, to: &out)
            cur = ids.id(at: outputs.lowerBound)
            return
        }

        if let c = cur { breakChain(c, required: true, node: index) }
        if style.inputs {
            if inputs.isEmpty {
                // The reference deletes the last two characters of "op(" unconditionally:
                // with no inputs this eats "(" and the op's last character. The text before
                // ends in a newline (or is empty), so that character (a grapheme, as
                // `String.removeLast` counts it) lies within the op type.
                var op = view.opType(index)
                if op.isEmpty {
                    if !out.isEmpty { out.removeLast() }
                } else {
                    op.removeLast()
                    out.append(utf8: op)
                }
                out.append(0x29)
            } else {
                appendOpType(index)
                out.append(0x28)
                for j in inputs {
                    if j > inputs.lowerBound { out.append(ascii: ", ") }
                    names.appendRef(ids.id(at: j), to: &out)
                }
                out.append(0x29)
            }
        } else {
            appendOpType(index)
            if variant == .chainSlimOutshape { out.append(0x29) }
        }
        AttributeText.appendSuffix(view, node: index, show: style.attributes, to: &out)
        for j in outputs {
            if j > outputs.lowerBound { out.append(ascii: ", ") }
            let o = ids.id(at: j)
            if !names.has(o) { nameValue(o) }
            if style.numbered {
                names.append(o, to: &out)
            } else {
                out.append(ascii: names.isOut(o) ? "Out" : "Value")
            }
        }
        if !outputs.isEmpty {
            appendShapeSuffix(ids.id(at: outputs.lowerBound), required: true, node: index)
        } else if style.shapes {
            warnings.append("node \(index) (\(view.opType(index))) has no outputs; the reference encoder would fail here")
        }
        out.append(0x0A)
        cur = nil
    }

    consuming func finish() -> Encoding {
        if let c = cur {
            if names.has(c) { names.append(c, to: &out) } else {
                warnings.append("the last chain ends in an unnamed value; the reference encoder would fail here")
            }
        }
        return Encoding(text: out.string, warnings: warnings)
    }
}
