import ONNXModel

/// If, Loop and Scan: their bodies are inferred (with the enclosing graph's values in scope)
/// and the body outputs give the node's outputs.
enum ControlFlowRules {
    static let rules: [String: OperatorRule] = {
        var r: [String: OperatorRule] = [:]
        r.add(["If"], since: 1, if_, infersSubgraphs: true)
        r.add(["Loop"], since: 1, loop, infersSubgraphs: true)
        r.add(["Scan"], since: 8, CommonRules.versioned([(8, scan8), (9, scan)]), infersSubgraphs: true)
        return r
    }()

    /// ONNX's `mergeInShapeInfo` into an output: copy, or merge dim by dim.
    private static func mergeShape(_ s: TensorShape, into o: Int, _ c: inout NodeContext) throws(InferenceFailure) {
        guard var existing = c.outputs[o]?.shape else { c.setShape(s, output: o); return }
        guard existing.rank == s.rank else { throw InferenceFailure("shape ranks differ") }
        for i in 0..<s.rank { try TypeMerging.mergeDimension(s.dims[i], into: &existing.dims[i]) }
        c.setShape(existing, output: o)
    }

    /// The union of both branches' outputs (dims that differ become unknown).
    static let if_: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        let thenTypes = try c.inferSubgraph("then_branch", inputTypes: [])
        let elseTypes = try c.inferSubgraph("else_branch", inputTypes: [])
        guard thenTypes.count == elseTypes.count else { throw InferenceFailure("If branches differ in output count") }
        guard thenTypes.count == c.outputCount else { throw InferenceFailure("If branches do not match the node's outputs") }
        for i in 0..<thenTypes.count {
            switch (thenTypes[i], elseTypes[i]) {
            case (nil, nil): continue
            case let (t?, e?):
                guard t.elementType == e.elementType else { throw InferenceFailure("If branches differ in element type") }
                var shape = t.shape
                TypeMerging.union(e.shape, into: &shape)
                c.setOutput(InferredType(elementType: t.elementType, shape: shape), output: i)
            default:
                throw InferenceFailure("If branches differ in type")
            }
        }
    }

    /// Loop-carried values keep their element type (their shape may change); scan outputs get
    /// an unknown leading iteration dim.
    static let loop: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard c.inputCount >= 2 else { throw InferenceFailure("Loop takes at least two inputs") }
        let stateCount = c.inputCount - 2
        var bodyInputs: [InferredType?] = [InferredType(elementType: .int64, shape: nil), c.inputType(1)]
        for i in 2..<c.inputCount {
            guard i - 2 < c.outputCount else { throw InferenceFailure("Loop has more state inputs than outputs") }
            try c.propagateElementType(from: i, to: i - 2)
            bodyInputs.append(c.inputType(i).map { InferredType(elementType: $0.elementType, shape: nil) })
        }
        let outputs = try c.inferSubgraph("body", inputTypes: bodyInputs)
        guard !outputs.isEmpty else { return }
        guard outputs.count == c.outputCount + 1 else { throw InferenceFailure("Loop body output count mismatch") }
        for i in 0..<c.outputCount {
            guard let t = outputs[i + 1] else { throw InferenceFailure("Loop body output is not a tensor") }
            if let existing = c.outputs[i]?.elementType, existing != .undefined, existing != t.elementType {
                throw InferenceFailure("Loop body output type differs from the state input")
            }
            c.setElementType(t.elementType, output: i)
            if i >= stateCount, let s = t.shape {
                try mergeShape(TensorShape([Dimension.unknown] + s.dims), into: i, &c)
            }
        }
    }

    /// Opset 9+: scan inputs lose their scan axis in the body; scan outputs get the sequence
    /// length inserted at `scan_output_axes`.
    static let scan: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard let scanInputs = c.intIfPresent("num_scan_inputs"), scanInputs >= 0, Int(scanInputs) <= c.inputCount else {
            throw InferenceFailure("Scan needs num_scan_inputs")
        }
        let n = c.inputCount, stateCount = n - Int(scanInputs)
        let scanOutputs = c.outputCount - stateCount
        guard scanOutputs >= 0 else { throw InferenceFailure("Scan has fewer outputs than state variables") }
        let axes = c.ints("scan_input_axes") ?? Array(repeating: 0, count: Int(scanInputs))
        guard axes.count == Int(scanInputs) else { throw InferenceFailure("scan_input_axes has the wrong length") }
        let outputAxes = c.ints("scan_output_axes") ?? Array(repeating: 0, count: scanOutputs)
        guard outputAxes.count == scanOutputs else { throw InferenceFailure("scan_output_axes has the wrong length") }
        var bodyInputs: [InferredType?] = []
        var sequenceLength = Dimension.unknown
        for i in 0..<n {
            guard let t = c.inputType(i) else { throw InferenceFailure("Scan input is not a tensor") }
            if i < stateCount {
                guard i < c.outputCount else { throw InferenceFailure("Scan state variable has no output") }
                try c.propagateElementType(from: i, to: i)
                if t.shape != nil { try c.propagateShape(from: i, to: i) }
                bodyInputs.append(t)
            } else if let s = t.shape {
                let axis = try Axes.normalize(axes[i - stateCount], rank: s.rank)
                try TypeMerging.mergeDimension(s.dims[axis], into: &sequenceLength)
                var dims = s.dims
                dims.remove(at: axis)
                bodyInputs.append(InferredType(elementType: t.elementType, shape: TensorShape(dims)))
            } else {
                bodyInputs.append(t)
            }
        }
        let outputs = try c.inferSubgraph("body", inputTypes: bodyInputs)
        guard !outputs.isEmpty else { return }
        guard outputs.count == c.outputCount else { throw InferenceFailure("Scan body output count mismatch") }
        for i in 0..<c.outputCount {
            guard let t = outputs[i] else { throw InferenceFailure("Scan body output is not a tensor") }
            if i < stateCount {
                if let s = t.shape { try mergeShape(s, into: i, &c) }
            } else {
                c.setElementType(t.elementType, output: i)
                if let s = t.shape {
                    let axis = try Axes.normalize(outputAxes[i - stateCount], rank: s.rank + 1)
                    var dims = s.dims
                    dims.insert(sequenceLength, at: axis)
                    try mergeShape(TensorShape(dims), into: i, &c)
                }
            }
        }
    }

    /// Opset 8: a leading batch dim on every input; scan inputs also have the sequence dim.
    static let scan8: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard let scanInputs = c.intIfPresent("num_scan_inputs"), scanInputs >= 0, Int(scanInputs) < c.inputCount else {
            throw InferenceFailure("Scan needs num_scan_inputs")
        }
        let n = c.inputCount, stateCount = n - 1 - Int(scanInputs)
        guard stateCount >= 0 else { throw InferenceFailure("Scan has too few inputs") }
        var bodyInputs: [InferredType?] = []
        var batch = Dimension.unknown, sequenceLength = Dimension.unknown
        for i in 1..<n {
            guard let t = c.inputType(i) else { throw InferenceFailure("Scan input is not a tensor") }
            if i - 1 < stateCount {
                guard i - 1 < c.outputCount else { throw InferenceFailure("Scan state variable has no output") }
                try c.propagateElementType(from: i, to: i - 1)
                if let s = t.shape {
                    try c.propagateShape(from: i, to: i - 1)
                    bodyInputs.append(InferredType(elementType: t.elementType, shape: TensorShape(Array(s.dims.dropFirst(1)))))
                } else {
                    bodyInputs.append(t)
                }
            } else if let s = t.shape {
                bodyInputs.append(InferredType(elementType: t.elementType, shape: TensorShape(Array(s.dims.dropFirst(2)))))
                if s.rank > 2 {
                    try TypeMerging.mergeDimension(s.dims[0], into: &batch)
                    try TypeMerging.mergeDimension(s.dims[1], into: &sequenceLength)
                }
            } else {
                bodyInputs.append(t)
            }
        }
        let outputs = try c.inferSubgraph("body", inputTypes: bodyInputs)
        guard !outputs.isEmpty else { return }
        guard outputs.count == c.outputCount else { throw InferenceFailure("Scan body output count mismatch") }
        for i in 0..<c.outputCount {
            guard let t = outputs[i] else { throw InferenceFailure("Scan body output is not a tensor") }
            let isState = i < stateCount
            if !isState { c.setElementType(t.elementType, output: i) }
            if let s = t.shape {
                try mergeShape(TensorShape((isState ? [batch] : [batch, sequenceLength]) + s.dims), into: i, &c)
            }
        }
    }
}
