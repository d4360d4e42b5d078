import ONNXModel

/// Evaluates one operator on known inputs, for the operators that build shapes, indices and
/// small constants in exported graphs. Returns nil whenever the result is not certain
/// (unsupported op/type/attribute, out-of-range index, too large): folding then leaves the
/// node in place. Never traps on bad input.
struct ConstantEvaluator {
    let opset: Int64
    /// Largest number of elements an evaluation may produce.
    let limit: Int

    /// `inputs[i]` is the value of `node.inputs[i]` (nil: absent or not known);
    /// `firstInputShape` is the known shape of input 0 (for Shape and Size).
    func evaluate(_ node: Node, inputs: [ConstantValue?], firstInputShape: TensorShape?) -> [ConstantValue]? {
        func input(_ i: Int) -> ConstantValue? { i < inputs.count ? inputs[i] : nil }
        let one: ConstantValue?
        switch node.opType {
        case "Shape": one = shape(node, firstInputShape)
        case "Size": one = size(firstInputShape)
        case "Gather": one = gather(node, input(0), input(1))
        case "Unsqueeze": one = unsqueeze(node, input(0), input(1))
        case "Squeeze": one = squeeze(node, input(0), input(1))
        case "Concat": one = concat(node, inputs)
        case "Reshape": one = reshape(node, input(0), input(1))
        case "Flatten": one = flatten(node, input(0))
        case "Cast": one = cast(node, input(0))
        case "Slice": one = slice(node, inputs)
        case "Transpose": one = transpose(node, input(0))
        case "Expand": one = expand(input(0), input(1))
        case "ConstantOfShape": one = constantOfShape(node, input(0))
        case "Range": one = range(input(0), input(1), input(2))
        case "Add", "Sub", "Mul", "Div", "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or":
            one = binary(node.opType, input(0), input(1))
        case "Min", "Max":
            guard !inputs.isEmpty, inputs.count == node.inputs.count else { return nil }
            var acc = inputs[0]
            for v in inputs.dropFirst() { acc = binary(node.opType, acc, v) }
            one = acc
        case "Neg", "Abs", "Floor", "Ceil", "Sqrt", "Reciprocal", "Not":
            one = unary(node.opType, input(0))
        case "Where": one = whereOp(input(0), input(1), input(2))
        default: one = nil
        }
        guard let v = one, let n = TensorIndexing.count(v.dims, limit: limit), n == v.count else { return nil }
        return [v]
    }

    // MARK: - attributes and index inputs

    private func intsAttr(_ node: Node, _ name: String) -> [Int64]? {
        guard let a = node.attribute(name), a.type == .ints || !a.ints.isEmpty else { return nil }
        return a.ints
    }

    private func intAttr(_ node: Node, _ name: String) -> Int64? { node.attribute(name)?.i }

    /// Axes given as attribute (older opsets) or as input `slot` (newer).
    private func axesArgument(_ node: Node, _ value: ConstantValue?, slot: Int, attributeUntil: Int64) -> (axes: [Int64]?, ok: Bool) {
        if opset < attributeUntil { return (intsAttr(node, "axes"), true) }
        if slot < node.inputs.count, !node.inputs[slot].isEmpty {
            guard let v = value, ConstantValue.isInteger(v.dataType) else { return (nil, false) }
            return (v.ints, true)
        }
        return (nil, true)
    }

    // MARK: - shape queries

    private func shape(_ node: Node, _ s: TensorShape?) -> ConstantValue? {
        guard let s else { return nil }
        let r = Int64(s.rank)
        func clamp(_ v: Int64) -> Int64 { let x = v < 0 ? v + r : v; return min(max(x, 0), r) }
        let start = clamp(opset >= 15 ? intAttr(node, "start") ?? 0 : 0)
        let end = clamp(opset >= 15 ? intAttr(node, "end") ?? r : r)
        var dims: [Int64] = []
        if start < end {
            for d in s.dims[Int(start)..<Int(end)] {
                guard let v = d.fixedValue, v >= 0 else { return nil }
                dims.append(v)
            }
        }
        return ConstantValue(ints: dims, dims: [Int64(dims.count)])
    }

    private func size(_ s: TensorShape?) -> ConstantValue? {
        guard let dims = s?.fixedDims else { return nil }
        var n: Int64 = 1
        for d in dims {
            guard d >= 0 else { return nil }
            let (p, o) = n.multipliedReportingOverflow(by: d)
            if o { return nil }
            n = p
        }
        return ConstantValue(ints: [n], dims: [])
    }

    // MARK: - data movement

    private func gather(_ node: Node, _ data: ConstantValue?, _ idx: ConstantValue?) -> ConstantValue? {
        guard let data, let idx, ConstantValue.isInteger(idx.dataType), !data.dims.isEmpty,
              let axis = TensorIndexing.axis(intAttr(node, "axis") ?? 0, rank: data.dims.count) else { return nil }
        let outDims = Array(data.dims[..<axis]) + idx.dims + Array(data.dims[(axis + 1)...])
        guard let n = TensorIndexing.count(outDims, limit: limit) else { return nil }
        let axisLen = data.dims[axis]
        let outer = data.dims[..<axis].reduce(1) { $0 * Int($1) }
        let inner = data.dims[(axis + 1)...].reduce(1) { $0 * Int($1) }
        var picks: [Int] = []
        for i in idx.ints {
            let j = i < 0 ? i + axisLen : i
            guard j >= 0, j < axisLen else { return nil }
            picks.append(Int(j))
        }
        var sources: [Int] = []
        sources.reserveCapacity(n)
        for o in 0..<outer {
            for p in picks {
                let base = (o * Int(axisLen) + p) * inner
                for k in 0..<inner { sources.append(base + k) }
            }
        }
        return data.picking(sources, dims: outDims)
    }

    private func unsqueeze(_ node: Node, _ data: ConstantValue?, _ axesValue: ConstantValue?) -> ConstantValue? {
        guard let data else { return nil }
        let (axesOpt, ok) = axesArgument(node, axesValue, slot: 1, attributeUntil: 13)
        guard ok, let axes = axesOpt, !axes.isEmpty else { return nil }
        let outRank = data.dims.count + axes.count
        var set = Set<Int>()
        for a in axes {
            guard let n = TensorIndexing.axis(a, rank: outRank), set.insert(n).inserted else { return nil }
        }
        var dims: [Int64] = []
        var it = data.dims.makeIterator()
        for i in 0..<outRank { dims.append(set.contains(i) ? 1 : it.next() ?? 1) }
        var out = data
        out.dims = dims
        return out
    }

    private func squeeze(_ node: Node, _ data: ConstantValue?, _ axesValue: ConstantValue?) -> ConstantValue? {
        guard let data else { return nil }
        let (axesOpt, ok) = axesArgument(node, axesValue, slot: 1, attributeUntil: 13)
        guard ok else { return nil }
        var drop = Set<Int>()
        if let axes = axesOpt {
            for a in axes {
                guard let n = TensorIndexing.axis(a, rank: data.dims.count), data.dims[n] == 1 else { return nil }
                drop.insert(n)
            }
        } else {
            for (i, d) in data.dims.enumerated() where d == 1 { drop.insert(i) }
        }
        var out = data
        out.dims = data.dims.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
        return out
    }

    private func concat(_ node: Node, _ inputs: [ConstantValue?]) -> ConstantValue? {
        guard !inputs.isEmpty, inputs.count == node.inputs.count, let first = inputs[0],
              let axisAttr = intAttr(node, "axis"),
              let axis = TensorIndexing.axis(axisAttr, rank: first.dims.count) else { return nil }
        var parts: [ConstantValue] = []
        var total: Int64 = 0
        for v in inputs {
            guard let v, v.dataType == first.dataType, v.dims.count == first.dims.count else { return nil }
            for d in 0..<v.dims.count where d != axis && v.dims[d] != first.dims[d] { return nil }
            parts.append(v)
            total += v.dims[axis]
        }
        var outDims = first.dims
        outDims[axis] = total
        guard TensorIndexing.count(outDims, limit: limit) != nil else { return nil }
        let outer = first.dims[..<axis].reduce(1) { $0 * Int($1) }
        var result = ConstantValue.Builder(type: first.dataType)
        for o in 0..<outer {
            for p in parts {
                let chunk = Int(p.dims[axis]) * p.dims[(axis + 1)...].reduce(1) { $0 * Int($1) }
                result.append(p, range: (o * chunk)..<((o + 1) * chunk))
            }
        }
        return result.build(dims: outDims)
    }

    private func reshape(_ node: Node, _ data: ConstantValue?, _ shapeValue: ConstantValue?) -> ConstantValue? {
        guard let data, let shapeValue, ConstantValue.isInteger(shapeValue.dataType),
              let dims = Self.reshapedDims(input: data.dims, requested: shapeValue.ints,
                                           allowZero: (intAttr(node, "allowzero") ?? 0) != 0) else { return nil }
        var out = data
        out.dims = dims
        return out
    }

    /// Reshape's output dims (0 copies the input dim unless `allowZero`, one -1 is inferred).
    static func reshapedDims(input: [Int64], requested: [Int64], allowZero: Bool) -> [Int64]? {
        var dims = requested
        var inferAt: Int?
        for (i, d) in requested.enumerated() {
            if d == 0 && !allowZero {
                guard i < input.count else { return nil }
                dims[i] = input[i]
            } else if d == -1 {
                guard inferAt == nil else { return nil }
                inferAt = i
            } else if d < 0 {
                return nil
            }
        }
        guard input.allSatisfy({ $0 >= 0 }) else { return nil }
        let total = input.reduce(Int64(1)) { $0 &* $1 }
        let known = dims.enumerated().filter { $0.offset != inferAt }.reduce(Int64(1)) { $0 &* $1.element }
        if let k = inferAt {
            guard known > 0, total % known == 0 else { return nil }
            dims[k] = total / known
        } else if known != total {
            return nil
        }
        return dims
    }

    private func flatten(_ node: Node, _ data: ConstantValue?) -> ConstantValue? {
        guard let data else { return nil }
        let r = data.dims.count
        var a = intAttr(node, "axis") ?? 1
        if a < 0 { a += Int64(r) }
        guard a >= 0, a <= Int64(r) else { return nil }
        let left = data.dims[..<Int(a)].reduce(Int64(1), *)
        let right = data.dims[Int(a)...].reduce(Int64(1), *)
        var out = data
        out.dims = [left, right]
        return out
    }

    private func transpose(_ node: Node, _ data: ConstantValue?) -> ConstantValue? {
        guard let data else { return nil }
        let r = data.dims.count
        let perm = intsAttr(node, "perm") ?? (0..<r).reversed().map(Int64.init)
        guard perm.count == r, Set(perm) == Set((0..<r).map(Int64.init)) else { return nil }
        let outDims = perm.map { data.dims[Int($0)] }
        guard let n = TensorIndexing.count(outDims, limit: limit) else { return nil }
        let inStrides = TensorIndexing.strides(data.dims)
        let sources = TensorIndexing.sources(out: outDims, count: n) { coord in
            var src = 0
            for d in 0..<r { src += Int(coord[d]) * inStrides[Int(perm[d])] }
            return src
        }
        return data.picking(sources, dims: outDims)
    }

    private func expand(_ data: ConstantValue?, _ shapeValue: ConstantValue?) -> ConstantValue? {
        guard let data, let shapeValue, ConstantValue.isInteger(shapeValue.dataType),
              let outDims = TensorIndexing.broadcast(data.dims, shapeValue.ints),
              let n = TensorIndexing.count(outDims, limit: limit) else { return nil }
        return data.picking(TensorIndexing.broadcastSource(out: outDims, in: data.dims, count: n), dims: outDims)
    }

    private func constantOfShape(_ node: Node, _ shapeValue: ConstantValue?) -> ConstantValue? {
        guard let shapeValue, shapeValue.dataType == .int64,
              let n = TensorIndexing.count(shapeValue.ints, limit: limit) else { return nil }
        var fill = ConstantValue(doubles: [0], dims: [1], type: .float)
        if let t = node.attribute("value")?.t {
            guard t.elementCount == 1, let v = ConstantValue(t) else { return nil }
            fill = v
        }
        return fill.picking([Int](repeating: 0, count: n), dims: shapeValue.ints)
    }

    private func range(_ start: ConstantValue?, _ end: ConstantValue?, _ delta: ConstantValue?) -> ConstantValue? {
        guard let start, let end, let delta, start.isScalarLike, end.isScalarLike, delta.isScalarLike,
              start.dataType == end.dataType, start.dataType == delta.dataType else { return nil }
        if ConstantValue.isInteger(start.dataType) {
            let s = start.ints[0], e = end.ints[0], d = delta.ints[0]
            guard d != 0 else { return nil }
            let count = ((Double(e) - Double(s)) / Double(d)).rounded(.up)
            guard count <= Double(limit) else { return nil }
            let n = Int64(max(count, 0))
            return ConstantValue(ints: (0..<n).map { s &+ $0 &* d }, dims: [n], type: start.dataType)
        }
        let s = start.doubles[0], e = end.doubles[0], d = delta.doubles[0]
        guard d != 0, s.isFinite, e.isFinite, d.isFinite else { return nil }
        let count = ((e - s) / d).rounded(.up)
        guard count <= Double(limit) else { return nil }
        let n = Int(max(count, 0))
        return ConstantValue(doubles: (0..<n).map { s + Double($0) * d }, dims: [Int64(n)], type: start.dataType)
    }

    // MARK: - element-wise

    private func cast(_ node: Node, _ x: ConstantValue?) -> ConstantValue? {
        guard let x, let to = intAttr(node, "to") else { return nil }
        let target = DataType(rawValue: Int32(truncatingIfNeeded: to))
        guard ConstantValue.supports(target) else { return nil }
        if target == .bool { return ConstantValue(ints: x.doubles.map { $0 != 0 ? 1 : 0 }, dims: x.dims, type: .bool) }
        if ConstantValue.isInteger(target) {
            if case .integer(let v) = x.storage {
                return ConstantValue(ints: v.map { Self.wrap($0, to: target) }, dims: x.dims, type: target)
            }
            var out: [Int64] = []
            for d in x.doubles {
                // Out-of-range float -> int casts are undefined in ONNX: do not guess.
                guard d.isFinite, let v = Int64(exactly: d.rounded(.towardZero)), Self.wrap(v, to: target) == v else { return nil }
                out.append(v)
            }
            return ConstantValue(ints: out, dims: x.dims, type: target)
        }
        return ConstantValue(doubles: x.doubles, dims: x.dims, type: target)
    }

    private func slice(_ node: Node, _ inputs: [ConstantValue?]) -> ConstantValue? {
        guard let data = inputs.first ?? nil else { return nil }
        let r = data.dims.count
        var starts: [Int64], ends: [Int64], axes: [Int64]?, steps: [Int64]?
        if opset < 10 {
            guard let s = intsAttr(node, "starts"), let e = intsAttr(node, "ends") else { return nil }
            starts = s; ends = e; axes = intsAttr(node, "axes"); steps = nil
        } else {
            func ints(_ i: Int) -> [Int64]?? {
                guard i < node.inputs.count, !node.inputs[i].isEmpty else { return .some(nil) }
                guard i < inputs.count, let v = inputs[i], ConstantValue.isInteger(v.dataType) else { return nil }
                return .some(v.ints)
            }
            guard let s = ints(1), let e = ints(2), let s1 = s, let e1 = e, let a = ints(3), let st = ints(4) else { return nil }
            starts = s1; ends = e1; axes = a; steps = st
        }
        let ax = axes ?? (0..<Int64(starts.count)).map { $0 }
        let stp = steps ?? [Int64](repeating: 1, count: starts.count)
        guard starts.count == ends.count, ax.count == starts.count, stp.count == starts.count else { return nil }
        var begin = [Int64](repeating: 0, count: r)
        var step = [Int64](repeating: 1, count: r)
        var outDims = data.dims
        var seen = Set<Int>()
        for i in 0..<starts.count {
            guard let a = TensorIndexing.axis(ax[i], rank: r), seen.insert(a).inserted, stp[i] != 0,
                  stp[i] != .min else { return nil }
            let dim = data.dims[a]
            var s = starts[i], e = ends[i]
            if s < 0 { s = s &+ dim }
            if e < 0 { e = e &+ dim }
            if stp[i] > 0 {
                s = min(max(s, 0), dim); e = min(max(e, 0), dim)
                outDims[a] = e > s ? (e - s - 1) / stp[i] + 1 : 0
            } else {
                s = min(max(s, 0), dim - 1); e = min(max(e, -1), dim - 1)
                outDims[a] = s > e ? (s - e - 1) / (-stp[i]) + 1 : 0
            }
            begin[a] = s
            step[a] = stp[i]
        }
        guard let n = TensorIndexing.count(outDims, limit: limit) else { return nil }
        let inStrides = TensorIndexing.strides(data.dims)
        let sources = TensorIndexing.sources(out: outDims, count: n) { coord in
            var src = 0
            for d in 0..<r { src += Int(begin[d] + coord[d] * step[d]) * inStrides[d] }
            return src
        }
        return data.picking(sources, dims: outDims)
    }

    private func binary(_ op: String, _ a: ConstantValue?, _ b: ConstantValue?) -> ConstantValue? {
        guard let a, let b, a.dataType == b.dataType,
              let outDims = TensorIndexing.broadcast(a.dims, b.dims),
              let n = TensorIndexing.count(outDims, limit: limit) else { return nil }
        let ia = TensorIndexing.broadcastSource(out: outDims, in: a.dims, count: n)
        let ib = TensorIndexing.broadcastSource(out: outDims, in: b.dims, count: n)
        let comparison = ["Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual"].contains(op)
        if op == "And" || op == "Or" {
            guard a.dataType == .bool else { return nil }
            let x = a.ints, y = b.ints
            return ConstantValue(ints: (0..<n).map { k in
                let p = x[ia[k]] != 0, q = y[ib[k]] != 0
                return (op == "And" ? (p && q) : (p || q)) ? 1 : 0
            }, dims: outDims, type: .bool)
        }
        if case .integer(let x) = a.storage, case .integer(let y) = b.storage {
            var out = [Int64](repeating: 0, count: n)
            for k in 0..<n {
                let p = x[ia[k]], q = y[ib[k]]
                switch op {
                case "Add": out[k] = p &+ q
                case "Sub": out[k] = p &- q
                case "Mul": out[k] = p &* q
                case "Div":
                    guard q != 0, !(p == .min && q == -1) else { return nil }
                    out[k] = p / q   // truncation, as C++ runtimes compute it
                case "Min": out[k] = min(p, q)
                case "Max": out[k] = max(p, q)
                case "Equal": out[k] = p == q ? 1 : 0
                case "Less": out[k] = p < q ? 1 : 0
                case "Greater": out[k] = p > q ? 1 : 0
                case "LessOrEqual": out[k] = p <= q ? 1 : 0
                case "GreaterOrEqual": out[k] = p >= q ? 1 : 0
                default: return nil
                }
                if !comparison { out[k] = Self.wrap(out[k], to: a.dataType) }
            }
            return ConstantValue(ints: out, dims: outDims, type: comparison ? .bool : a.dataType)
        }
        let x = a.doubles, y = b.doubles
        if comparison {
            return ConstantValue(ints: (0..<n).map { k -> Int64 in
                let p = x[ia[k]], q = y[ib[k]]
                switch op {
                case "Equal": return p == q ? 1 : 0
                case "Less": return p < q ? 1 : 0
                case "Greater": return p > q ? 1 : 0
                case "LessOrEqual": return p <= q ? 1 : 0
                default: return p >= q ? 1 : 0
                }
            }, dims: outDims, type: .bool)
        }
        var out = [Double](repeating: 0, count: n)
        for k in 0..<n {
            let p = x[ia[k]], q = y[ib[k]]
            switch op {
            case "Add": out[k] = p + q
            case "Sub": out[k] = p - q
            case "Mul": out[k] = p * q
            case "Div": out[k] = p / q
            case "Min": out[k] = p.isNaN || q.isNaN ? .nan : min(p, q)
            case "Max": out[k] = p.isNaN || q.isNaN ? .nan : max(p, q)
            default: return nil
            }
        }
        return ConstantValue(doubles: out, dims: a.dims == outDims ? a.dims : outDims, type: a.dataType)
    }

    private func unary(_ op: String, _ a: ConstantValue?) -> ConstantValue? {
        guard let a else { return nil }
        if op == "Not" {
            guard a.dataType == .bool else { return nil }
            return ConstantValue(ints: a.ints.map { $0 != 0 ? 0 : 1 }, dims: a.dims, type: .bool)
        }
        if case .integer(let v) = a.storage {
            switch op {
            case "Neg": return ConstantValue(ints: v.map { Self.wrap(0 &- $0, to: a.dataType) }, dims: a.dims, type: a.dataType)
            case "Abs": return ConstantValue(ints: v.map { Self.wrap($0 < 0 ? 0 &- $0 : $0, to: a.dataType) }, dims: a.dims, type: a.dataType)
            case "Floor", "Ceil": return a
            default: return nil
            }
        }
        let v = a.doubles
        let out: [Double]
        switch op {
        case "Neg": out = v.map { -$0 }
        case "Abs": out = v.map { Swift.abs($0) }
        case "Floor": out = v.map { $0.rounded(.down) }
        case "Ceil": out = v.map { $0.rounded(.up) }
        case "Sqrt": out = v.map { a.dataType == .float ? Double(Float($0).squareRoot()) : $0.squareRoot() }
        case "Reciprocal": out = v.map { 1 / $0 }
        default: return nil
        }
        return ConstantValue(doubles: out, dims: a.dims, type: a.dataType)
    }

    private func whereOp(_ c: ConstantValue?, _ x: ConstantValue?, _ y: ConstantValue?) -> ConstantValue? {
        guard let c, let x, let y, c.dataType == .bool, x.dataType == y.dataType,
              let xy = TensorIndexing.broadcast(x.dims, y.dims),
              let outDims = TensorIndexing.broadcast(c.dims, xy),
              let n = TensorIndexing.count(outDims, limit: limit) else { return nil }
        let ic = TensorIndexing.broadcastSource(out: outDims, in: c.dims, count: n)
        let ix = TensorIndexing.broadcastSource(out: outDims, in: x.dims, count: n)
        let iy = TensorIndexing.broadcastSource(out: outDims, in: y.dims, count: n)
        let cond = c.ints
        var b = ConstantValue.Builder(type: x.dataType)
        for k in 0..<n {
            if cond[ic[k]] != 0 { b.append(x, range: ix[k]..<(ix[k] + 1)) } else { b.append(y, range: iy[k]..<(iy[k] + 1)) }
        }
        return b.build(dims: outDims)
    }

    /// Two's-complement wrap-around to the width of an integer element type.
    static func wrap(_ v: Int64, to type: DataType) -> Int64 {
        switch type {
        case .int32: return Int64(Int32(truncatingIfNeeded: v))
        case .int16: return Int64(Int16(truncatingIfNeeded: v))
        case .int8: return Int64(Int8(truncatingIfNeeded: v))
        case .uint8: return Int64(UInt8(truncatingIfNeeded: v))
        case .uint16: return Int64(UInt16(truncatingIfNeeded: v))
        case .uint32: return Int64(UInt32(truncatingIfNeeded: v))
        case .bool: return v != 0 ? 1 : 0
        default: return v
        }
    }
}

extension ConstantValue {
    /// A tensor made of the elements at `sources` (row-major indices into self).
    func picking(_ sources: [Int], dims: [Int64]) -> ConstantValue {
        switch storage {
        case .floating(let v): return ConstantValue(dataType: dataType, dims: dims, storage: .floating(sources.map { v[$0] }))
        case .integer(let v): return ConstantValue(dataType: dataType, dims: dims, storage: .integer(sources.map { v[$0] }))
        }
    }

    /// Accumulates slices of same-typed tensors.
    struct Builder {
        let type: DataType
        var floats: [Double] = []
        var ints: [Int64] = []
        init(type: DataType) { self.type = type }
        mutating func append(_ v: ConstantValue, range: Range<Int>) {
            switch v.storage {
            case .floating(let x): floats.append(contentsOf: x[range])
            case .integer(let x): ints.append(contentsOf: x[range])
            }
        }
        func build(dims: [Int64]) -> ConstantValue {
            ConstantValue(dataType: type, dims: dims,
                          storage: ConstantValue.isInteger(type) ? .integer(ints) : .floating(floats))
        }
    }
}
