import ONNXModel

/// Activation functions, softmax family, Clip, Dropout and Identity: outputs shaped like
/// their input.
enum ActivationRules {
    static let rules: [String: OperatorRule] = {
        var r: [String: OperatorRule] = [:]
        let fromOpset6 = CommonRules.versioned([(1, CommonRules.nothing), (6, CommonRules.sameAsFirstInput)])
        r.add(["Relu", "LeakyRelu", "Elu", "Selu", "HardSigmoid", "PRelu", "Clip"], since: 1, fromOpset6)
        r.add(["Softplus", "Softsign"], since: 1, CommonRules.sameAsFirstInput)
        r.add(["Shrink"], since: 9, CommonRules.sameAsFirstInput)
        r.add(["ThresholdedRelu"], since: 10, CommonRules.sameAsFirstInput)
        r.add(["Celu"], since: 12, CommonRules.sameAsFirstInput)
        r.add(["HardSwish"], since: 14, CommonRules.sameAsFirstInput)
        r.add(["Mish"], since: 18, CommonRules.sameAsFirstInput)
        r.add(["Gelu"], since: 20, CommonRules.sameAsFirstInput)
        r.add(["Softmax", "LogSoftmax", "Hardmax"], since: 1, CommonRules.versioned([
            (1, CommonRules.sameAsFirstInput), (11, softmax(defaultAxis: 1)), (13, softmax(defaultAxis: -1)),
        ]))
        r.add(["Dropout"], since: 1, CommonRules.versioned([
            (1, CommonRules.nothing), (6, CommonRules.sameAsFirstInput), (10, dropout10), (12, dropout12),
        ]))
        r.add(["Identity"], since: 1, CommonRules.sameAsFirstInput)
        return r
    }()

    /// Opset 11 and later check that `axis` lies in [-rank, rank-1].
    static func softmax(defaultAxis: Int64) -> InferenceFunction {
        return { (c: inout NodeContext) throws(InferenceFailure) in
            try c.propagateElementType(from: 0, to: 0)
            guard let s = c.inputShape(0) else { return }
            let r = Int64(s.rank)
            let axis = Int64(Int32(truncatingIfNeeded: c.int("axis", default: defaultAxis)))
            guard axis >= -r, axis < r else { throw InferenceFailure("softmax axis out of range") }
            try c.propagateShape(from: 0, to: 0)
        }
    }

    /// Opset 10: optional bool mask shaped like the input.
    static let dropout10: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateTypeAndShapeFromFirstInput()
        if c.outputCount == 2 {
            c.setElementType(.bool, output: 1)
            if c.inputShape(0) != nil { try c.propagateShape(from: 0, to: 1) }
        }
    }

    /// Opset 12: `ratio` and `training_mode` inputs must be scalars.
    static let dropout12: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        if c.inputShape(0) != nil { try c.propagateShape(from: 0, to: 0) }
        if c.inputCount > 1, let s = c.inputShape(1), s.rank != 0 { throw InferenceFailure("Dropout ratio must be a scalar") }
        if c.inputCount > 2, let s = c.inputShape(2), s.rank != 0 { throw InferenceFailure("Dropout training_mode must be a scalar") }
        if c.outputCount == 2 {
            c.setElementType(.bool, output: 1)
            if c.inputShape(0) != nil { try c.propagateShape(from: 0, to: 1) }
        }
    }
}
