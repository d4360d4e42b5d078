import ONNXModel

/// Values made from attributes or shapes: Constant, ConstantOfShape, Shape, Size, Range,
/// Cast, CastLike, EyeLike and the random generators.
enum ConstantRules {
    static let rules: [String: OperatorRule] = {
        var r: [String: OperatorRule] = [:]
        r.add(["Constant"], since: 1, CommonRules.versioned([(1, constant1), (9, constant9), (11, constant11), (12, constant12)]))
        r.add(["ConstantOfShape"], since: 9, constantOfShape)
        r["Shape"] = OperatorRule(since: 1, infer: CommonRules.versioned([(1, shape(slicing: false)), (15, shape(slicing: true))]),
                                  propagate: ShapeDataPropagation.shape)
        r["Size"] = OperatorRule(since: 1, infer: size, propagate: ShapeDataPropagation.fromOpset(13, ShapeDataPropagation.size))
        r.add(["Range"], since: 11, range)
        r["Cast"] = OperatorRule(since: 1, infer: CommonRules.versioned([(1, CommonRules.nothing), (6, cast)]),
                                 propagate: ShapeDataPropagation.fromOpset(13, ShapeDataPropagation.passThrough))
        r.add(["CastLike"], since: 15, castLike)
        r.add(["EyeLike"], since: 9, eyeLike)
        r.add(["RandomNormal", "RandomUniform"], since: 1, randomFromAttributes)
        r.add(["RandomNormalLike", "RandomUniformLike"], since: 1, likeInput)
        r.add(["Bernoulli"], since: 15, likeInput)
        r.add(["Multinomial"], since: 7, multinomial)
        return r
    }()

    /// ONNX's `propagateElemTypeFromAttributeToOutput`: the attribute must hold a valid
    /// `TensorProto.DataType`; `fallback` is used when it is absent (nil = required).
    static func elementType(_ c: NodeContext, _ name: StaticString, fallback: DataType?) throws(InferenceFailure) -> DataType {
        guard let a = c.attribute(name) else {
            guard let f = fallback else { throw InferenceFailure("type attribute missing") }
            return f
        }
        guard let v = a.i else { throw InferenceFailure("type attribute must be an int") }
        guard v >= 0, v <= 23 else { throw InferenceFailure("type attribute is not a valid data type") }
        return DataType(rawValue: Int32(v))
    }

    // MARK: Constant

    private static func fromTensor(_ c: inout NodeContext, _ t: Tensor) {
        c.setElementType(t.dataType, output: 0)
        c.setShape(TensorShape(fixed: t.dims), output: 0)
    }

    static let constant1: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard let t = c.attribute("value")?.t else { return }
        fromTensor(&c, t)
    }

    static let constant9: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard let t = c.attribute("value")?.t else { throw InferenceFailure("Constant needs a tensor value") }
        fromTensor(&c, t)
    }

    static let constant11: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        let value = c.attribute("value"), sparse = c.attribute("sparse_value")
        if value != nil, sparse != nil { throw InferenceFailure("Constant has both value and sparse_value") }
        if let v = value { fromTensor(&c, v.t ?? Tensor()); return }
        if let s = sparse {
            let sp = s.sparseTensor ?? SparseTensor()
            c.setElementType(sp.values?.dataType ?? .undefined, output: 0)
            c.setShape(TensorShape(fixed: sp.dims), output: 0)
            return
        }
        throw InferenceFailure("Constant needs value or sparse_value")
    }

    /// Opset 12+: exactly one of value, sparse_value, value_int(s), value_float(s), value_string(s).
    static let constant12: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        let names: [StaticString] = ["value", "sparse_value", "value_int", "value_ints", "value_float", "value_floats",
                                     "value_string", "value_strings"]
        // ONNX looks attributes up by name, so a repeated name counts once.
        let count = Set(c.attributeNames.filter { n in names.contains { $0.description == n } }).count
        var chosen: Attribute?
        for name in names where chosen == nil { chosen = c.attribute(name) }
        guard count == 1, let chosen else {
            throw InferenceFailure("Constant needs exactly one value attribute")
        }
        switch chosen.name {
        case "value":
            fromTensor(&c, chosen.t ?? Tensor())
        case "sparse_value":
            let sp = chosen.sparseTensor ?? SparseTensor()
            c.setElementType(sp.values?.dataType ?? .undefined, output: 0)
            c.setShape(TensorShape(fixed: sp.dims), output: 0)
        case "value_int":
            guard chosen.i != nil else { throw InferenceFailure("value_int must be an int") }
            c.setElementType(.int64, output: 0); c.setShape([Dimension](), output: 0)
        case "value_ints":
            c.setElementType(.int64, output: 0); c.setShape([.fixed(Int64(chosen.ints.count))], output: 0)
        case "value_float":
            guard chosen.f != nil else { throw InferenceFailure("value_float must be a float") }
            c.setElementType(.float, output: 0); c.setShape([Dimension](), output: 0)
        case "value_floats":
            c.setElementType(.float, output: 0); c.setShape([.fixed(Int64(chosen.floats.count))], output: 0)
        case "value_string":
            guard chosen.s != nil else { throw InferenceFailure("value_string must be a string") }
            c.setElementType(.string, output: 0); c.setShape([Dimension](), output: 0)
        default:
            c.setElementType(.string, output: 0); c.setShape([.fixed(Int64(chosen.strings.count))], output: 0)
        }
    }

    // MARK: Shape-driven

    /// Element type from the `value` tensor (default float); shape from the input's values.
    static let constantOfShape: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        if let a = c.attribute("value") {
            if a.type == .tensor || (a.type == .undefined && a.t != nil), let t = a.t {
                guard t.dims.count == 1 else { throw InferenceFailure("ConstantOfShape value must be a 1-D tensor") }
                c.setElementType(t.dataType, output: 0)
            } else if a.type == .sparseTensor, let s = a.sparseTensor {
                guard s.dims.count == 1 else { throw InferenceFailure("ConstantOfShape value must be a 1-D tensor") }
                c.setElementType(s.values?.dataType ?? .undefined, output: 0)
            } else {
                throw InferenceFailure("ConstantOfShape value must be a tensor")
            }
        } else {
            c.setElementType(.float, output: 0)
        }
        if let dims = try c.shapeInput(0) { c.setShape(dims, output: 0) }
    }

    /// [rank] (opset 15+: the length of the `start`..`end` slice of the dims).
    static func shape(slicing: Bool) -> InferenceFunction {
        return { (c: inout NodeContext) throws(InferenceFailure) in
            c.setElementType(.int64, output: 0)
            c.setShape([Dimension.unknown], output: 0)
            guard let s = c.inputShape(0) else { return }
            let rank = Int64(s.rank)
            guard slicing else { c.setShape([.fixed(rank)], output: 0); return }
            var start = c.int("start", default: 0)
            if start < 0 { start += rank }
            start = min(max(start, 0), rank)
            var end = c.int("end", default: rank)
            if end < 0 { end += rank }
            end = min(max(end, 0), rank)
            c.setShape([.fixed(max(end &- start, 0))], output: 0)
        }
    }

    static let size: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        c.setElementType(.int64, output: 0)
        c.setShape([Dimension](), output: 0)
    }

    /// ceil((limit - start) / delta) when all three are scalar constants.
    static let range: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        c.setShape([Dimension.unknown], output: 0)
        guard let s = c.inputData(0), let l = c.inputData(1), let d = c.inputData(2) else { return }
        guard s.dataType == l.dataType, s.dataType == d.dataType else { throw InferenceFailure("Range inputs differ in type") }
        let known: Set<DataType> = [.float, .int32, .int64, .double]
        guard known.contains(s.dataType) else { return }
        guard s.dims.isEmpty, l.dims.isEmpty, d.dims.isEmpty else { throw InferenceFailure("Range inputs must be scalars") }
        let n: Double
        switch s.dataType {
        case .float:
            guard let a = try ConstantData.floats(s).first, let b = try ConstantData.floats(l).first,
                  let e = try ConstantData.floats(d).first else { throw InferenceFailure("Range input is empty") }
            n = (Double(b - a) / Double(e)).rounded(.up)  // float arithmetic cannot trap
        case .double:
            guard let a = try ConstantData.doubles(s).first, let b = try ConstantData.doubles(l).first,
                  let e = try ConstantData.doubles(d).first else { throw InferenceFailure("Range input is empty") }
            n = ((b - a) / e).rounded(.up)
        case .int32:
            guard let a = try ConstantData.int32s(s).first, let b = try ConstantData.int32s(l).first,
                  let e = try ConstantData.int32s(d).first else { throw InferenceFailure("Range input is empty") }
            n = (Double(b &- a) / Double(e)).rounded(.up)
        default:
            guard let a = try ConstantData.int64s(s).first, let b = try ConstantData.int64s(l).first,
                  let e = try ConstantData.int64s(d).first else { throw InferenceFailure("Range input is empty") }
            n = (Double(b &- a) / Double(e)).rounded(.up)
        }
        guard n.isFinite || n.isNaN else { throw InferenceFailure("Range length is not finite") }
        let count: Int64 = n.isNaN ? 0 : (n < 0 ? 0 : (n > 9.2e18 ? Int64.max : Int64(n)))
        c.setShape([.fixed(count)], output: 0)
    }

    // MARK: Casts

    static let cast: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        c.setElementType(try elementType(c, "to", fallback: nil), output: 0)
        if c.inputShape(0) != nil { try c.propagateShape(from: 0, to: 0) }
    }

    static let castLike: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 1, to: 0)
        if c.inputShape(0) != nil { try c.propagateShape(from: 0, to: 0) }
    }

    static let eyeLike: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        if c.attribute("dtype") != nil {
            c.setElementType(try elementType(c, "dtype", fallback: nil), output: 0)
        } else {
            try c.propagateElementType(from: 0, to: 0)
        }
        if let s = c.inputShape(0), s.rank != 2 { throw InferenceFailure("EyeLike input must be 2-D") }
        try c.propagateShape(from: 0, to: 0)
    }

    // MARK: Random

    static let randomFromAttributes: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        c.setElementType(try elementType(c, "dtype", fallback: .float), output: 0)
        guard let a = c.attribute("shape"), a.type == .ints else { throw InferenceFailure("shape attribute required") }
        var dims: [Dimension] = []
        for v in a.ints {
            guard v >= 0 else { throw InferenceFailure("negative dimension in shape") }
            dims.append(.fixed(v))
        }
        c.setShape(dims, output: 0)
    }

    /// RandomNormalLike, RandomUniformLike, Bernoulli: shaped like the input, `dtype` or the
    /// input's element type.
    static let likeInput: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        if c.attribute("dtype") != nil {
            c.setElementType(try elementType(c, "dtype", fallback: nil), output: 0)
        } else {
            try c.propagateElementType(from: 0, to: 0)
        }
        if c.inputShape(0) != nil { try c.propagateShape(from: 0, to: 0) }
    }

    static let multinomial: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        var type = DataType.int32
        if let a = c.attribute("dtype") {
            type = DataType(rawValue: Int32(truncatingIfNeeded: a.i ?? 0))
            guard type == .int32 || type == .int64 else { throw InferenceFailure("Multinomial output must be int32 or int64") }
        }
        c.setElementType(type, output: 0)
        var batch = Dimension.unknown
        if let s = c.inputShape(0) {
            guard s.rank == 2 else { throw InferenceFailure("Multinomial input must be 2-D") }
            batch = s.dims[0]
        }
        c.setShape([batch, .fixed(c.int("sample_size", default: 1))], output: 0)
    }
}
