import ONNXModel

/// Comparisons and boolean logic: bool outputs.
enum LogicalRules {
    static let rules: [String: OperatorRule] = {
        var r: [String: OperatorRule] = [:]
        // Before opset 7 these took a legacy `broadcast` attribute and ONNX copies input A's shape.
        r.add(["And", "Or", "Xor", "Equal", "Greater", "Less"], since: 1, CommonRules.versioned([
            (1, CommonRules.boolSameShape), (7, CommonRules.broadcastBinaryToBool),
        ]))
        // Defined by a function body (Greater/Less, Equal, Or), which ONNX infers node by node.
        r.add(["GreaterOrEqual"], since: 12, comparisonOrEqual("Greater"), infersSubgraphs: true)
        r.add(["LessOrEqual"], since: 12, comparisonOrEqual("Less"), infersSubgraphs: true)
        r.add(["Not"], since: 1, CommonRules.boolSameShape)
        r.add(["IsNaN"], since: 9, CommonRules.boolSameShape)
        r.add(["IsInf"], since: 10, CommonRules.boolSameShape)
        r.add(["Where"], since: 9, where_)
        return r
    }()

    /// Element type from X (input 1); condition, X and Y broadcast together.
    static let where_: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 1, to: 0)
        guard let a = c.inputShape(0), let b = c.inputShape(1), let d = c.inputShape(2) else { return }
        c.setShape(try Broadcasting.shape([a, b, d]), output: 0)
    }

    /// `C = Or(Greater(A, B), Equal(A, B))` (or Less), at the schema's own opset (12 or 16).
    static func comparisonOrEqual(_ comparison: String) -> InferenceFunction {
        return { (c: inout NodeContext) throws(InferenceFailure) in
            let nodes = [
                Node(opType: comparison, inputs: ["A", "B"], outputs: ["O1"]),
                Node(opType: "Equal", inputs: ["A", "B"], outputs: ["O2"]),
                Node(opType: "Or", inputs: ["O1", "O2"], outputs: ["C"]),
            ]
            try c.inferThroughFunction(nodes: nodes, inputs: ["A", "B"], outputs: ["C"], opset: c.opset >= 16 ? 16 : 12)
        }
    }
}
