import ONNXModel

/// Building blocks shared by the operator families.
enum CommonRules {
    /// Output 0 takes input 0's element type and shape (unary elementwise operators).
    static let sameAsFirstInput: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateTypeAndShapeFromFirstInput()
    }

    /// Bool output with input 0's shape (Not, IsNaN, IsInf, logical operators before opset 7).
    static let boolSameShape: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        c.setElementType(.bool, output: 0)
        if c.inputShape(0) != nil { try c.propagateShape(from: 0, to: 0) }
    }

    /// Output 0 takes input 0's element type; shapes of inputs 0 and 1 broadcast.
    static let broadcastBinary: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        if let a = c.inputShape(0), let b = c.inputShape(1), c.hasInputShapes(2) {
            c.setShape(try Broadcasting.shape(a, b), output: 0)
        }
    }

    /// Bool output; shapes of inputs 0 and 1 broadcast (comparisons, logical operators).
    static let broadcastBinaryToBool: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        c.setElementType(.bool, output: 0)
        if let a = c.inputShape(0), let b = c.inputShape(1), c.hasInputShapes(2) {
            c.setShape(try Broadcasting.shape(a, b), output: 0)
        }
    }

    /// Output 0 takes input 0's element type; all inputs' shapes broadcast together (Max,
    /// Min, Sum, Mean from opset 8). Any input without a shape leaves the shape unknown.
    static let broadcastVariadic: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 0, to: 0)
        var shapes: [TensorShape] = []
        shapes.reserveCapacity(c.inputCount)
        for i in 0..<c.inputCount {
            guard let s = c.inputShape(i) else { return }
            shapes.append(s)
        }
        c.setShape(try Broadcasting.shape(shapes), output: 0)
    }

    /// An operator version whose schema has no inference function: outputs stay untyped.
    static let nothing: InferenceFunction = { (_: inout NodeContext) throws(InferenceFailure) in }

    /// Picks the rule of the newest version not newer than the node's opset.
    /// `versions` lists (first opset of that behaviour, rule) in increasing order.
    static func versioned(_ versions: [(Int64, InferenceFunction)]) -> InferenceFunction {
        let firstVersions = versions.map(\.0)
        let functions = versions.map(\.1)
        return { (c: inout NodeContext) throws(InferenceFailure) in
            var chosen = -1
            for i in firstVersions.indices where c.opset >= firstVersions[i] { chosen = i }
            if chosen >= 0 { try functions[chosen](&c) }
        }
    }
}

extension Dictionary where Key == String, Value == OperatorRule {
    mutating func add(_ ops: [String], since: Int64, _ infer: @escaping InferenceFunction,
                      propagate: InferenceFunction? = nil, infersSubgraphs: Bool = false) {
        for op in ops { self[op] = OperatorRule(since: since, infer: infer, propagate: propagate, infersSubgraphs: infersSubgraphs) }
    }
}
