import ONNXModel

/// QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear: outputs shaped like x.
enum QuantizationRules {
    static let rules: [String: OperatorRule] = {
        var r: [String: OperatorRule] = [:]
        r.add(["QuantizeLinear"], since: 10, CommonRules.versioned([(10, quantize(readOutputType: false)), (21, quantize(readOutputType: true))]))
        // Until opset 18 the output is always float; from 19 it takes the scale's type.
        r.add(["DequantizeLinear"], since: 10, CommonRules.versioned([(10, dequantizeToFloat), (19, dequantize)]))
        r.add(["DynamicQuantizeLinear"], since: 11, dynamicQuantize)
        return r
    }()

    private static func shapeOfX(_ c: inout NodeContext) {
        if let s = c.inputShape(0) { c.setShape(s, output: 0) }
    }

    /// Element type of the zero point (input 2), else `output_dtype` (opset 21), else uint8.
    static func quantize(readOutputType: Bool) -> InferenceFunction {
        return { (c: inout NodeContext) throws(InferenceFailure) in
            let outputType = readOutputType ? DataType(rawValue: Int32(truncatingIfNeeded: c.int("output_dtype", default: 0))) : .undefined
            if c.hasInput(2) {
                if outputType != .undefined, let z = c.inputType(2), z.elementType != outputType {
                    throw InferenceFailure("output_dtype does not match the zero point type")
                }
                try c.propagateElementType(from: 2, to: 0)
            } else if outputType != .undefined {
                c.setElementType(try ConstantRules.elementType(c, "output_dtype", fallback: nil), output: 0)
            } else {
                c.setElementType(.uint8, output: 0)
            }
            shapeOfX(&c)
        }
    }

    static let dequantizeToFloat: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        c.setElementType(.float, output: 0)
        shapeOfX(&c)
    }

    static let dequantize: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        try c.propagateElementType(from: 1, to: 0)
        shapeOfX(&c)
    }

    /// y (uint8, like x), y_scale and y_zero_point (scalars).
    static let dynamicQuantize: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        guard c.outputCount >= 3 else { throw InferenceFailure("DynamicQuantizeLinear has three outputs") }
        c.setElementType(.uint8, output: 0)
        c.setElementType(.float, output: 1)
        c.setElementType(.uint8, output: 2)
        c.setShape([Dimension](), output: 1)
        c.setShape([Dimension](), output: 2)
        shapeOfX(&c)
    }
}
