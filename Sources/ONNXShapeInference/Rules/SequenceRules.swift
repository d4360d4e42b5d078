import ONNXModel

/// Sequence and optional values: their types are tracked (as `TypeProto`) so that the tensors
/// taken out of them (SequenceAt, ConcatFromSequence, OptionalGetElement) get types.
enum SequenceRules {
    static let rules: [String: OperatorRule] = {
        var r: [String: OperatorRule] = [:]
        r.add(["SequenceEmpty"], since: 11, sequenceEmpty)
        r.add(["SequenceConstruct"], since: 11, sequenceConstruct)
        r.add(["SequenceInsert"], since: 11, sequenceInsert)
        r.add(["SequenceAt"], since: 11, sequenceAt)
        r.add(["SequenceErase"], since: 11, sequenceErase)
        r.add(["SequenceLength"], since: 11, scalar(.int64))
        r.add(["SplitToSequence"], since: 11, splitToSequence)
        r.add(["ConcatFromSequence"], since: 11, concatFromSequence)
        r.add(["Optional"], since: 15, optional)
        r.add(["OptionalHasElement"], since: 15, scalar(.bool))
        r.add(["OptionalGetElement"], since: 15, optionalGetElement)
        return r
    }()

    private static func sequence(of t: InferredType) -> TypeProto {
        TypeProto(.sequence(TypeProto(.tensor(elementType: t.elementType, shape: t.shape))))
    }

    /// The tensor type held by a sequence-typed input.
    private static func sequenceElement(_ c: NodeContext, _ i: Int) throws(InferenceFailure) -> InferredType {
        guard i < c.inputs.count, case .other(let t) = c.inputs[i] else { throw InferenceFailure("input must be a sequence") }
        guard case .sequence(let e) = t.value, let elem = e, case let .tensor(type, shape) = elem.value else {
            return InferredType(elementType: .undefined, shape: nil)
        }
        return InferredType(elementType: type, shape: shape)
    }

    static func scalar(_ type: DataType) -> InferenceFunction {
        return { (c: inout NodeContext) throws(InferenceFailure) in
            c.setElementType(type, output: 0)
            c.setShape([Dimension](), output: 0)
        }
    }

    static let sequenceEmpty: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        var type = DataType.float
        if let a = c.attribute("dtype") {
            guard let v = a.i else { throw InferenceFailure("dtype must be an int") }
            type = DataType(rawValue: Int32(truncatingIfNeeded: v))
        }
        c.setOtherType(sequence(of: InferredType(elementType: type, shape: nil)), output: 0)
    }

    static let sequenceConstruct: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard c.inputCount >= 1 else { throw InferenceFailure("SequenceConstruct needs an input") }
        var types: [InferredType] = []
        for i in 0..<c.inputCount {
            guard c.hasInput(i) else { throw InferenceFailure("SequenceConstruct input type unknown") }
            types.append(c.inputType(i) ?? InferredType(elementType: .undefined, shape: nil))
        }
        guard types.allSatisfy({ $0.elementType == types[0].elementType }) else {
            throw InferenceFailure("SequenceConstruct inputs differ in element type")
        }
        var shape: TensorShape?
        if c.hasInputShapes(c.inputCount) {
            shape = types[0].shape
            for t in types.dropFirst() { TypeMerging.union(t.shape, into: &shape) }
        }
        c.setOtherType(sequence(of: InferredType(elementType: types[0].elementType, shape: shape)), output: 0)
    }

    static let sequenceInsert: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard c.hasInput(0), c.hasInput(1) else { throw InferenceFailure("SequenceInsert inputs need types") }
        let elem = try sequenceElement(c, 0)
        let tensor = c.inputType(1) ?? InferredType(elementType: .undefined, shape: nil)
        guard elem.elementType == tensor.elementType else { throw InferenceFailure("SequenceInsert element types differ") }
        var shape: TensorShape?
        if elem.shape != nil, tensor.shape != nil {
            shape = elem.shape
            TypeMerging.union(tensor.shape, into: &shape)
        }
        c.setOtherType(sequence(of: InferredType(elementType: elem.elementType, shape: shape)), output: 0)
    }

    static let sequenceAt: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard c.hasInput(0) else { throw InferenceFailure("SequenceAt input type unknown") }
        let elem = try sequenceElement(c, 0)
        c.setOutput(elem, output: 0)
    }

    static let sequenceErase: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard c.hasInput(0), case .other(let t) = c.inputs[0] else { throw InferenceFailure("SequenceErase input type unknown") }
        c.setOtherType(t, output: 0)
    }

    static let splitToSequence: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard let x = c.inputType(0) else { throw InferenceFailure("SplitToSequence input type unknown") }
        guard let s = x.shape else {
            c.setOtherType(sequence(of: InferredType(elementType: x.elementType, shape: nil)), output: 0)
            return
        }
        let r = s.rank
        var axis = Int(Int32(truncatingIfNeeded: c.int("axis", default: 0)))
        guard axis >= -r, axis <= r - 1 else { throw InferenceFailure("SplitToSequence axis out of range") }
        if axis < 0 { axis += r }
        var splitSize: Int64 = 1
        var keepDims: Int64 = 1
        if c.inputCount == 1 {
            keepDims = c.int("keepdims", default: 1)
        } else {
            splitSize = -1
            if let splitShape = c.inputShape(1), let t = c.inputData(1), t.dataType != .undefined {
                let sizes: [Int64]
                switch t.dataType {
                case .int64: sizes = try ConstantData.int64s(t)
                case .int32: sizes = try ConstantData.int32s(t).map(Int64.init)
                default: throw InferenceFailure("split must be int32 or int64")
                }
                guard !sizes.isEmpty else { throw InferenceFailure("split must not be empty") }
                if let total = s.dims[axis].fixedValue {
                    if splitShape.rank == 0 {
                        if sizes[0] != 0, total % sizes[0] == 0 { splitSize = sizes[0] }
                    } else {
                        guard sizes.reduce(0, &+) == total else { throw InferenceFailure("split sizes do not add up") }
                        if sizes.allSatisfy({ $0 == sizes[0] }) { splitSize = sizes[0] }
                    }
                }
            }
        }
        var dims = s.dims
        if keepDims != 0 {
            dims[axis] = splitSize > 0 ? .fixed(splitSize) : .unknown
        } else {
            dims.remove(at: axis)
        }
        c.setOtherType(sequence(of: InferredType(elementType: x.elementType, shape: TensorShape(dims))), output: 0)
    }

    static let concatFromSequence: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard c.hasInput(0) else { throw InferenceFailure("ConcatFromSequence input type unknown") }
        let elem = try sequenceElement(c, 0)
        c.setElementType(elem.elementType, output: 0)
        guard let s = elem.shape else { return }
        guard let axisValue = c.intIfPresent("axis") else { throw InferenceFailure("ConcatFromSequence needs an axis") }
        var axis = Int(Int32(truncatingIfNeeded: axisValue))
        let newAxis = Int(Int32(truncatingIfNeeded: c.int("new_axis", default: 0)))
        guard newAxis == 0 || newAxis == 1 else { throw InferenceFailure("new_axis must be 0 or 1") }
        let rank = s.rank
        let upper = newAxis == 1 ? rank : rank - 1
        let lower = newAxis == 1 ? -rank - 1 : -rank
        guard axis >= lower, axis <= upper else { throw InferenceFailure("ConcatFromSequence axis out of range") }
        if axis < 0 { axis += upper + 1 }
        var dims: [Dimension] = []
        if upper >= 0 {
            for i in 0...upper {
                if i == axis { dims.append(.unknown) } else { dims.append(s.dims[(i > axis && newAxis == 1) ? i - 1 : i]) }
            }
        }
        c.setShape(dims, output: 0)
    }

    static let optional: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard c.outputCount == 1 else { throw InferenceFailure("Optional has one output") }
        if c.inputCount == 0, let a = c.attribute("type") {
            guard let tp = a.tp else { throw InferenceFailure("Optional type attribute must be a type") }
            c.setOtherType(TypeProto(.optional(tp)), output: 0)
        } else if c.inputCount == 1 {
            switch c.inputs[0] {
            case .absent: throw InferenceFailure("Optional input type unknown")
            case .tensor(let t): c.setOtherType(TypeProto(.optional(t.typeProto)), output: 0)
            case .other(let t): c.setOtherType(TypeProto(.optional(t)), output: 0)
            }
        } else {
            throw InferenceFailure("Optional needs an input or a type")
        }
    }

    static let optionalGetElement: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard c.inputCount == 1 else { throw InferenceFailure("OptionalGetElement takes one input") }
        switch c.inputs[0] {
        case .absent:
            throw InferenceFailure("OptionalGetElement input type unknown")
        case .other(let t):
            if case .optional(let e) = t.value {
                guard let e else { throw InferenceFailure("optional holds no type") }
                if case let .tensor(type, shape) = e.value {
                    c.setOutput(InferredType(elementType: type, shape: shape), output: 0)
                } else {
                    c.setOtherType(e, output: 0)
                }
            } else if c.opset >= 18 {
                try c.propagateTypeAndShapeFromFirstInput()
            } else {
                throw InferenceFailure("OptionalGetElement input must be optional")
            }
        case .tensor:
            guard c.opset >= 18 else { throw InferenceFailure("OptionalGetElement input must be optional") }
            try c.propagateTypeAndShapeFromFirstInput()
        }
    }
}
