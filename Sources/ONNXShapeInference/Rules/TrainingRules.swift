import ONNXModel

/// `ai.onnx.preview.training` optimizers: each updated tensor is shaped like the input it
/// replaces.
enum TrainingRules {
    static let rules: [String: OperatorRule] = {
        var r: [String: OperatorRule] = [:]
        r["Adagrad"] = OperatorRule(since: 1, infer: optimizer(groups: 3, carried: [2], checkDivisible: false))
        r["Momentum"] = OperatorRule(since: 1, infer: optimizer(groups: 3, carried: [2], checkDivisible: true))
        r["Adam"] = OperatorRule(since: 1, infer: optimizer(groups: 4, carried: [2, 3], checkDivisible: true))
        return r
    }()

    /// Inputs: R, T, then `groups` lists of n tensors (X, G, state...). Outputs: X_new, then
    /// the new states (the lists named by `carried`).
    static func optimizer(groups: Int, carried: [Int], checkDivisible: Bool) -> InferenceFunction {
        return { (c: inout NodeContext) throws(InferenceFailure) in
            let adjustable = c.inputCount - 2
            guard adjustable >= 0 else { throw InferenceFailure("optimizer needs R and T") }
            if checkDivisible, adjustable % groups != 0 { throw InferenceFailure("optimizer inputs do not split into groups") }
            let n = adjustable / groups
            for i in 0..<n {
                var pairs = [(2 + i, i)]
                for (k, g) in carried.enumerated() { pairs.append((2 + g * n + i, (k + 1) * n + i)) }
                for (input, output) in pairs {
                    guard output < c.outputCount else { throw InferenceFailure("optimizer has too few outputs") }
                    try c.propagateElementType(from: input, to: output)
                    try c.propagateShape(from: input, to: output)
                }
            }
        }
    }
}
