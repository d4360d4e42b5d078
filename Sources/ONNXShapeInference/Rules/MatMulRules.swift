import ONNXModel

/// Gemm, MatMul (and its integer/quantized forms), Einsum.
enum MatMulRules {
    static let rules: [String: OperatorRule] = {
        var r: [String: OperatorRule] = [:]
        r.add(["Gemm"], since: 1, CommonRules.versioned([(1, CommonRules.nothing), (6, gemm6), (7, gemm)]))
        r.add(["MatMul"], since: 1, matMul)
        r.add(["MatMulInteger"], since: 10, matMulInteger)
        r.add(["QLinearMatMul"], since: 10, qLinearMatMul)
        r.add(["Einsum"], since: 12, einsum)
        return r
    }()

    /// (M, N) from A (K, M if transA) and B (N, K if transB); both must be 2-D.
    static let gemm: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        guard let a = c.inputShape(0), let b = c.inputShape(1) else { return }
        let transA = Int32(truncatingIfNeeded: c.int("transA", default: 0)) != 0
        let transB = Int32(truncatingIfNeeded: c.int("transB", default: 0)) != 0
        guard a.rank == 2 else { throw InferenceFailure("Gemm A must be 2-D") }
        guard b.rank == 2 else { throw InferenceFailure("Gemm B must be 2-D") }
        c.setShape([a.dims[transA ? 1 : 0], b.dims[transB ? 0 : 1]], output: 0)
    }

    /// Opset 6: as later, but without A/B shapes C's shape is used when `broadcast` is off.
    static let gemm6: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        if let a = c.inputShape(0), let b = c.inputShape(1) {
            let transA = Int32(truncatingIfNeeded: c.int("transA", default: 0)) != 0
            let transB = Int32(truncatingIfNeeded: c.int("transB", default: 0)) != 0
            guard a.rank == 2, b.rank == 2 else { throw InferenceFailure("Gemm inputs must be 2-D") }
            c.setShape([a.dims[transA ? 1 : 0], b.dims[transB ? 0 : 1]], output: 0)
        } else if let cShape = c.inputShape(2), Int32(truncatingIfNeeded: c.int("broadcast", default: 0)) == 0 {
            c.setShape(cShape, output: 0)
        }
    }

    static let matMul: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        try matMulShape(&c, 0, 1)
    }

    static let matMulInteger: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard c.inputType(0) != nil, c.inputType(1) != nil else { throw InferenceFailure("MatMulInteger inputs must be tensors") }
        c.setElementType(.int32, output: 0)
        try matMulShape(&c, 0, 1)
    }

    /// a (0), its zero point (2), b (3), its zero point (5), y zero point (7).
    static let qLinearMatMul: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard let a = c.inputType(0), let b = c.inputType(3) else { throw InferenceFailure("QLinearMatMul inputs must be tensors") }
        guard let az = c.inputType(2), az.elementType == a.elementType else { throw InferenceFailure("a zero point type mismatch") }
        guard let bz = c.inputType(5), bz.elementType == b.elementType else { throw InferenceFailure("b zero point type mismatch") }
        try c.propagateElementType(from: 7, to: 0)
        try matMulShape(&c, 0, 3)
    }

    /// numpy.matmul: 1-D operands are promoted (and the added dim dropped again), batch
    /// dims broadcast, the inner dims must agree when known.
    static func matMulShape(_ c: inout NodeContext, _ l: Int, _ r: Int) throws(InferenceFailure) {
        guard let a = c.inputShape(l), let b = c.inputShape(r) else { return }
        guard a.rank > 0, b.rank > 0 else { throw InferenceFailure("MatMul inputs must have rank >= 1") }
        let left = a.rank == 1 ? [Dimension.fixed(1), a.dims[0]] : a.dims
        let right = b.rank == 1 ? [b.dims[0], Dimension.fixed(1)] : b.dims
        if let x = left[left.count - 1].fixedValue, let y = right[right.count - 2].fixedValue, x != y {
            throw InferenceFailure("MatMul inner dimensions differ")
        }
        var result = try Broadcasting.shape(TensorShape(Array(left.dropLast(2))), TensorShape(Array(right.dropLast(2)))).dims
        if a.rank != 1 { result.append(left[left.count - 2]) }
        if b.rank != 1 { result.append(right[right.count - 1]) }
        c.setShape(result, output: 0)
    }

    // MARK: Einsum

    /// Follows ONNX's parser of the equation: letters are labels, `...` an ellipsis, the
    /// implicit output lists non-repeated labels in ASCII order after the ellipsis dims.
    static let einsum: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        let equation = Array(c.string("equation", default: "").utf8.filter { $0 != UInt8(ascii: " ") })
        guard !equation.isEmpty else { return }
        let n = c.inputCount
        guard n >= 1, c.hasInputShapes(n) else { return }
        func isLetter(_ u: UInt8) -> Bool { (u >= 65 && u <= 90) || (u >= 97 && u <= 122) }
        var arrow: Int?
        if equation.count >= 2 {
            for i in 0..<(equation.count - 1) where equation[i] == UInt8(ascii: "-") && equation[i + 1] == UInt8(ascii: ">") {
                arrow = i
                break
            }
        }
        let lhs = Array(equation[0..<(arrow ?? equation.count)])
        var terms: [[UInt8]] = [[]]
        for u in lhs { if u == UInt8(ascii: ",") { terms.append([]) } else { terms[terms.count - 1].append(u) } }

        var labelIndex: [UInt8: Int] = [:]
        var repeated: Set<UInt8> = []
        var labelDims: [Dimension] = []
        var ellipsisDims: [Dimension] = []
        var ellipsisSeen = false
        var ellipsisCount = 0, ellipsisRank = 0
        var operand = 0
        for term in terms {
            guard operand < n else { throw InferenceFailure("Einsum has more operands than inputs") }
            let shape = c.inputShape(operand)!
            let rank = shape.rank
            let ellipsisAt = findEllipsis(term)
            let letters = term.filter(isLetter).count
            var ellipsisLength = 0
            var illegal = 0
            var index = 0
            while index < term.count {
                if let e = ellipsisAt, index == e {
                    ellipsisLength = rank - letters
                    guard ellipsisLength >= 0 else { throw InferenceFailure("Einsum ellipsis does not fit the rank") }
                    for i in 0..<ellipsisLength {
                        let p = index + i - illegal
                        guard p >= 0, p < rank else { throw InferenceFailure("Einsum ellipsis out of range") }
                        if !ellipsisSeen {
                            ellipsisDims.append(shape.dims[p])
                        } else if i < ellipsisDims.count, let v = shape.dims[p].fixedValue,
                                  let cur = ellipsisDims[i].fixedValue, v > cur, cur == 1 {
                            ellipsisDims[i] = .fixed(v)
                        }
                    }
                    ellipsisSeen = true
                    index += 3
                    illegal += 3
                    continue
                }
                let u = term[index]
                if !isLetter(u) { illegal += 1; index += 1; continue }
                if labelIndex[u] == nil {
                    let p = index + ellipsisLength - illegal
                    guard p >= 0, p < rank else { throw InferenceFailure("Einsum label out of range") }
                    labelIndex[u] = labelDims.count
                    labelDims.append(shape.dims[p])
                } else {
                    repeated.insert(u)
                }
                index += 1
            }
            if ellipsisAt != nil {
                if ellipsisCount == 0 {
                    guard rank >= letters else { throw InferenceFailure("Einsum ellipsis does not fit the rank") }
                    ellipsisRank = rank - letters
                } else if ellipsisRank != rank - letters {
                    throw InferenceFailure("Einsum ellipses differ in rank")
                }
                ellipsisCount += 1
            } else if rank != letters {
                throw InferenceFailure("Einsum operand rank does not match its labels")
            }
            operand += 1
        }
        guard operand == n else { throw InferenceFailure("Einsum has fewer operands than inputs") }

        var out: [Dimension] = []
        if let a = arrow {
            let rhs = Array(equation[(a + 2)...])
            let e = findEllipsis(rhs)
            var index = 0
            while index < rhs.count {
                if let e, index == e {
                    for i in 0..<ellipsisRank where i < ellipsisDims.count { out.append(ellipsisDims[i]) }
                    index += 3
                    continue
                }
                if isLetter(rhs[index]) {
                    guard let k = labelIndex[rhs[index]] else { throw InferenceFailure("Einsum output label not in the inputs") }
                    out.append(labelDims[k])
                }
                index += 1
            }
        } else {
            for i in 0..<ellipsisRank where i < ellipsisDims.count { out.append(ellipsisDims[i]) }
            for label in labelIndex.keys.sorted() where !repeated.contains(label) {
                out.append(labelDims[labelIndex[label]!])
            }
        }
        c.setShape(out, output: 0)
    }

    private static func findEllipsis(_ s: [UInt8]) -> Int? {
        guard s.count >= 3 else { return nil }
        for i in 0...(s.count - 3) where s[i] == 46 && s[i + 1] == 46 && s[i + 2] == 46 { return i }
        return nil
    }
}
