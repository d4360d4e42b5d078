import ONNXModel

/// Arithmetic: unary math functions, broadcasting binary operators and the variadic
/// Max/Min/Sum/Mean.
enum ElementwiseRules {
    static let rules: [String: OperatorRule] = {
        var r: [String: OperatorRule] = [:]
        // Version 1 of these had no inference function; from opset 6 the output is the input.
        r.add(["Abs", "Neg", "Reciprocal", "Floor", "Ceil", "Sqrt", "Exp", "Log", "Tanh", "Sigmoid"], since: 1,
              CommonRules.versioned([(1, CommonRules.nothing), (6, CommonRules.sameAsFirstInput)]))
        r.add(["Sin", "Cos", "Tan", "Asin", "Acos", "Atan"], since: 7, CommonRules.sameAsFirstInput)
        r.add(["Sinh", "Cosh", "Asinh", "Acosh", "Atanh", "Sign", "Erf"], since: 9, CommonRules.sameAsFirstInput)
        r.add(["Round"], since: 11, CommonRules.sameAsFirstInput)
        r.add(["CumSum"], since: 11, CommonRules.sameAsFirstInput)
        r.add(["BitwiseNot"], since: 18, CommonRules.sameAsFirstInput)

        // Add/Sub/Mul/Div: legacy `broadcast` attribute until opset 6 (output = input A),
        // numpy broadcasting from opset 7; Add/Sub/Mul propagate shape data from opset 14.
        let arithmetic = CommonRules.versioned([
            (1, CommonRules.nothing), (6, CommonRules.sameAsFirstInput), (7, CommonRules.broadcastBinary),
        ])
        for op in ["Add", "Sub", "Mul"] {
            r[op] = OperatorRule(since: 1, infer: arithmetic, propagate: ShapeDataPropagation.arithmetic(op))
        }
        r["Div"] = OperatorRule(since: 1, infer: arithmetic)
        r.add(["Pow"], since: 1, CommonRules.versioned([(1, CommonRules.sameAsFirstInput), (7, CommonRules.broadcastBinary)]))
        r.add(["Mod"], since: 10, CommonRules.broadcastBinary)
        r.add(["BitShift"], since: 11, CommonRules.broadcastBinary)
        r.add(["BitwiseAnd", "BitwiseOr", "BitwiseXor"], since: 18, CommonRules.broadcastBinary)

        r.add(["Max", "Min", "Sum", "Mean"], since: 1, CommonRules.versioned([
            (1, CommonRules.nothing), (6, CommonRules.sameAsFirstInput), (8, CommonRules.broadcastVariadic),
        ]))
        return r
    }()
}
