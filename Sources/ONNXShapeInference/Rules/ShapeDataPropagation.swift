import ONNXModel

/// ONNX's partial data propagation: the contents of small int64 shape tensors (as dims,
/// possibly symbolic) flow through Shape, Gather, Concat, Slice, Squeeze/Unsqueeze, Cast,
/// Add/Sub/Mul and Size, so that Reshape/Expand/ConstantOfShape/Resize can read them.
/// Runs only with `Options.dataPropagation`.
enum ShapeDataPropagation {
    /// Runs `f` only for opsets where the operator's schema has a propagation function.
    static func fromOpset(_ version: Int64, _ f: @escaping InferenceFunction) -> InferenceFunction {
        return { (c: inout NodeContext) throws(InferenceFailure) in
            guard c.opset >= version else { return }
            try f(&c)
        }
    }

    /// Squeeze, Unsqueeze, Cast: the data passes through unchanged.
    static let passThrough: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        if let d = try c.propagatedData(0) { c.setOutputData(d, output: 0) }
    }

    /// Shape: the input's dims (between `start` and `end` from opset 15).
    static let shape: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard let s = c.inputShape(0) else { return }
        if c.opset < 15 { c.setOutputData(s.dims, output: 0); return }
        let rank = Int64(s.rank)
        var start = c.int("start", default: 0)
        if start < 0 { start += rank }
        start = min(max(start, 0), rank)
        var end = c.int("end", default: rank)
        if end < 0 { end += rank }
        end = min(max(end, 0), rank)
        c.setOutputData(start < end ? Array(s.dims[Int(start)..<Int(end)]) : [], output: 0)
    }

    /// Size: the number of elements of the input data.
    static let size: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        if let d = try c.propagatedData(0) { c.setOutputData([.fixed(Int64(d.count))], output: 0) }
    }

    /// Add, Sub, Mul on two 1-D data (one of them may be a single value).
    static func arithmetic(_ op: String) -> InferenceFunction {
        let f: @Sendable (Int32, Int32) -> Int32
        switch op {
        case "Add": f = { $0 &+ $1 }
        case "Sub": f = { $0 &- $1 }
        default: f = { $0 &* $1 }
        }
        return { (c: inout NodeContext) throws(InferenceFailure) in
            guard c.opset >= 14 else { return }
            guard let a = try c.propagatedData(0), let b = try c.propagatedData(1), !a.isEmpty, !b.isEmpty else { return }
            guard a.count == b.count || a.count == 1 || b.count == 1 else { throw InferenceFailure("shape data ranks do not broadcast") }
            var out: [Dimension] = []
            for i in 0..<max(a.count, b.count) {
                let x = a[a.count == 1 ? 0 : i], y = b[b.count == 1 ? 0 : i]
                if let u = x.fixedValue, let v = y.fixedValue {
                    // ONNX computes these in 32-bit ints.
                    out.append(.fixed(Int64(f(Int32(truncatingIfNeeded: u), Int32(truncatingIfNeeded: v)))))
                } else {
                    out.append(.unknown)
                }
            }
            c.setOutputData(out, output: 0)
        }
    }

    /// Gather along axis 0 with constant (or propagated) indices.
    static let gather: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard try axisIsZero(&c, defaultZero: true) else { return }
        guard let data = try c.propagatedData(0), let indices = try c.propagatedData(1) else { return }
        var out: [Dimension] = []
        for i in indices {
            guard let v = i.fixedValue else { return }
            out.append(try element(data, v))
        }
        if !out.isEmpty { c.setOutputData(out, output: 0) }
    }

    /// Concat along axis 0 when every input's data is known.
    static let concat: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard try axisIsZero(&c, defaultZero: false) else { return }
        var out: [Dimension] = []
        for i in 0..<c.inputCount {
            guard let d = try c.propagatedData(i) else { return }
            out.append(contentsOf: d)
        }
        if !out.isEmpty { c.setOutputData(out, output: 0) }
    }

    /// Slice along axis 0 with a single start/end (and step).
    static let slice: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        let data = try c.propagatedData(0), starts = try c.propagatedData(1), ends = try c.propagatedData(2)
        var axes: [Dimension]?
        var steps: [Dimension]?
        if c.inputCount >= 4 { guard let a = try c.propagatedData(3) else { return }; axes = a }
        if c.inputCount >= 5 { guard let s = try c.propagatedData(4) else { return }; steps = s }
        guard let data, let starts, let ends else { return }
        guard starts.count == ends.count else { throw InferenceFailure("shape data starts and ends differ in length") }
        if let a = axes, !(a.count == 1 && (a[0].fixedValue ?? 0) == 0) { return }
        guard starts.count == 1 else { return }
        var start = starts[0].fixedValue ?? 0
        var end = ends[0].fixedValue ?? 0
        var step: Int64 = 1
        if let s = steps {
            guard s.count == 1, let v = s[0].fixedValue else { return }
            step = v
        }
        guard step != 0 else { throw InferenceFailure("Slice step is zero") }
        let n = Int64(data.count)
        if start < 0 { start += n }
        start = step < 0 ? ShapeManipulationRules.clamp(start, 0, n - 1) : ShapeManipulationRules.clamp(start, 0, n)
        if end < 0 { end += n }
        end = step < 0 ? ShapeManipulationRules.clamp(end, -1, n - 1) : ShapeManipulationRules.clamp(end, 0, n)
        var out: [Dimension] = []
        var i = start
        while step > 0 ? i < end : i > end {
            guard i >= 0, i < n else { break }
            out.append(data[Int(i)])
            i &+= step
        }
        if !out.isEmpty { c.setOutputData(out, output: 0) }
    }

    private static func element(_ data: [Dimension], _ index: Int64) throws(InferenceFailure) -> Dimension {
        let n = Int64(data.count)
        guard index >= -n, index < n else { throw InferenceFailure("shape data index out of range") }
        return data[Int(index < 0 ? index + n : index)]
    }

    /// ONNX's `axisIsZero`: the `axis` attribute (required unless `defaultZero`) is 0 for the
    /// rank of input 0's data.
    private static func axisIsZero(_ c: inout NodeContext, defaultZero: Bool) throws(InferenceFailure) -> Bool {
        guard let a = c.intIfPresent("axis") ?? (c.attribute("axis") != nil ? 0 : nil) else {
            if defaultZero { return true }
            throw InferenceFailure("axis attribute is missing")
        }
        guard let data = try c.propagatedData(0) else { return false }
        let rank = data.count
        var axis = Int(Int32(truncatingIfNeeded: a))
        guard axis >= -rank, axis < rank else { throw InferenceFailure("axis out of range for shape data") }
        if axis < 0 { axis += rank }
        return axis == 0
    }
}
