import ONNXModel

/// BatchNormalization, InstanceNormalization, LayerNormalization, GroupNormalization, LRN,
/// LpNormalization, MeanVarianceNormalization.
enum NormalizationRules {
    static let rules: [String: OperatorRule] = {
        var r: [String: OperatorRule] = [:]
        r.add(["BatchNormalization"], since: 1, CommonRules.versioned([
            (1, CommonRules.nothing), (6, CommonRules.sameAsFirstInput), (14, batchNormalization14),
        ]))
        r.add(["InstanceNormalization"], since: 1, CommonRules.versioned([(1, CommonRules.nothing), (6, CommonRules.sameAsFirstInput)]))
        r.add(["LRN", "LpNormalization"], since: 1, CommonRules.sameAsFirstInput)
        // Defined by a function body, which ONNX infers node by node (opset 9 body until 12,
        // the newest (opset 18) body from 13).
        r.add(["MeanVarianceNormalization"], since: 9, meanVarianceNormalization, infersSubgraphs: true)
        r.add(["LayerNormalization"], since: 17, layerNormalization)
        // ONNX 1.17 infers nothing for GroupNormalization (its function body does not resolve),
        // so neither do we.
        r.add(["GroupNormalization"], since: 18, CommonRules.nothing)
        return r
    }()

    /// Opset 14+: 1 output in inference mode, 3 in training mode (running mean and var of
    /// shape [C]); scale, bias, mean and var must be 1-D and agree on C.
    static let batchNormalization14: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateTypeAndShapeFromFirstInput()
        for i in 1...4 {
            if let s = c.inputShape(i), s.rank != 1 { throw InferenceFailure("BatchNormalization parameters must be 1-D") }
        }
        var channels = Dimension.unknown
        if let x = c.inputShape(0) {
            if x.rank > 1 { try TypeMerging.mergeDimension(x.dims[1], into: &channels) } else { channels = .fixed(1) }
        }
        for i in 1...4 {
            if let s = c.inputShape(i) {
                guard s.rank > 0 else { throw InferenceFailure("BatchNormalization parameter has rank 0") }
                try TypeMerging.mergeDimension(s.dims[0], into: &channels)
            }
        }
        let training = (c.intIfPresent("training_mode").map { Int32(truncatingIfNeeded: $0) } ?? 0) != 0
        if training {
            guard c.outputCount == 3 else { throw InferenceFailure("BatchNormalization in training mode has 3 outputs") }
        } else {
            guard c.outputCount == 1 else { throw InferenceFailure("BatchNormalization in inference mode has 1 output") }
        }
        if c.outputCount > 1 {
            try c.propagateElementType(from: 3, to: 1)
            c.setShape([channels], output: 1)
            if c.outputCount > 2 {
                try c.propagateElementType(from: 4, to: 2)
                c.setShape([channels], output: 2)
            }
        }
    }

    /// Y like X; Mean and InvStdDev (stash_type, default float) like X with dims from `axis`
    /// on set to 1.
    static let layerNormalization: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateTypeAndShapeFromFirstInput()
        let stash = DataType(rawValue: Int32(truncatingIfNeeded: c.int("stash_type", default: Int64(DataType.float.rawValue))))
        if c.outputCount > 1 { c.setElementType(stash, output: 1) }
        if c.outputCount > 2 { c.setElementType(stash, output: 2) }
        guard let x = c.inputShape(0) else { return }
        var axis = c.int("axis", default: -1)
        if axis < 0 { axis += Int64(x.rank) }
        guard axis >= 0 else { throw InferenceFailure("LayerNormalization axis out of range") }
        var reduced = x
        if axis < Int64(x.rank) {
            for d in Int(axis)..<x.rank { reduced.dims[d] = .fixed(1) }
        }
        if c.outputCount > 1 { c.setShape(reduced, output: 1) }
        if c.outputCount > 2 { c.setShape(reduced, output: 2) }
    }

    /// ONNX binds the node's `axes` into the body; without it the reference is dropped (so the
    /// body's ReduceMean reduces every axis), not replaced by the schema default.
    static let meanVarianceNormalization: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        let axes = c.attribute("axes")
        var nodes: [Node] = [
            Node(opType: "Constant", inputs: [], outputs: ["Exponent"], attributes: [.tensor("value", .float32(name: "", dims: [], values: [2]))]),
            Node(opType: "Constant", inputs: [], outputs: ["Epsilon"], attributes: [.tensor("value", .float32(name: "", dims: [], values: [1e-9]))]),
        ]
        let opset: Int64
        var reduceInputs = ["X"], squaredInputs = ["X_squared"]
        var reduceAttributes: [Attribute] = []
        if c.opset >= 13 {
            opset = 18
            var named = axes
            named?.name = "value_ints"
            nodes.append(Node(opType: "Constant", inputs: [], outputs: ["axes"], attributes: named.map { [$0] } ?? []))
            reduceInputs.append("axes")
            squaredInputs.append("axes")
        } else {
            opset = 9
            if let a = axes { reduceAttributes = [a] }
        }
        nodes += [
            Node(opType: "ReduceMean", inputs: reduceInputs, outputs: ["X_RM"], attributes: reduceAttributes),
            Node(opType: "Pow", inputs: ["X_RM", "Exponent"], outputs: ["EX_squared"]),
            Node(opType: "Pow", inputs: ["X", "Exponent"], outputs: ["X_squared"]),
            Node(opType: "ReduceMean", inputs: squaredInputs, outputs: ["E_Xsquared"], attributes: reduceAttributes),
            Node(opType: "Sub", inputs: ["E_Xsquared", "EX_squared"], outputs: ["Variance"]),
            Node(opType: "Sqrt", inputs: ["Variance"], outputs: ["STD"]),
            Node(opType: "Sub", inputs: ["X", "X_RM"], outputs: ["X_variance"]),
            Node(opType: "Add", inputs: ["STD", "Epsilon"], outputs: ["Processed_STD"]),
            Node(opType: "Div", inputs: ["X_variance", "Processed_STD"], outputs: ["Y"]),
        ]
        try c.inferThroughFunction(nodes: nodes, inputs: ["X"], outputs: ["Y"], opset: opset)
    }
}
