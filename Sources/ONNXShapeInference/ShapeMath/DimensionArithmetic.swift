import ONNXModel

/// ONNX's arithmetic on dimensions: a product is known when both factors are, or equals the
/// other factor when one of them is the number 1; anything else is unknown.
extension Dimension {
    static func * (a: Dimension, b: Dimension) -> Dimension {
        if let x = a.fixedValue, let y = b.fixedValue { return Dimension(.value(x &* y)) }
        if a.fixedValue == 1 { return b }
        if b.fixedValue == 1 { return a }
        return Dimension(.unknown)
    }

    static func * (a: Dimension, b: Int64) -> Dimension {
        if let x = a.fixedValue { return Dimension(.value(x &* b)) }
        return b == 1 ? a : Dimension(.unknown)
    }

    static func / (a: Dimension, b: Int64) -> Dimension {
        if let x = a.fixedValue { return SafeInt.divide(x, b).map { Dimension(.value($0)) } ?? Dimension(.unknown) }
        return b == 1 ? a : Dimension(.unknown)
    }

    static var unknown: Dimension { Dimension(.unknown) }
}

extension TensorShape {
    /// Product of dims `from..<to` (ONNX's `multiplyDims`).
    func product(from: Int, to: Int) -> Dimension {
        var d = Dimension.fixed(1)
        var i = from
        while i < to { d = d * dims[i]; i += 1 }
        return d
    }
}

/// Axis helpers shared by many rules.
enum Axes {
    /// Maps a possibly negative axis into `0..<rank`; fails when out of range.
    static func normalize(_ axis: Int64, rank: Int) throws(InferenceFailure) -> Int {
        let r = Int64(rank)
        guard axis >= -r, axis < r else { throw InferenceFailure("axis out of range") }
        return Int(axis < 0 ? axis + r : axis)
    }

    /// Normalizes a list of axes; fails when one is out of range.
    static func normalize(_ axes: [Int64], rank: Int) throws(InferenceFailure) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(axes.count)
        for a in axes { out.append(try normalize(a, rank: rank)) }
        return out
    }
}

/// Integer arithmetic on values read from a model, which must never trap: ONNX's C++ code
/// has undefined behaviour there, we give up on the value instead.
enum SafeInt {
    /// Truncating division; nil for a zero divisor or `Int64.min / -1`.
    static func divide(_ a: Int64, _ b: Int64) -> Int64? {
        let (q, overflow) = a.dividedReportingOverflow(by: b)
        return overflow ? nil : q
    }

    static func remainder(_ a: Int64, _ b: Int64) -> Int64? {
        let (r, overflow) = a.remainderReportingOverflow(dividingBy: b)
        return overflow ? nil : r
    }

    /// A float rounded toward zero as an Int64, nil when it does not fit.
    static func int64(_ x: Double) -> Int64? {
        guard x.isFinite, x >= -9.2e18, x <= 9.2e18 else { return nil }
        return Int64(x)
    }
}
