import ONNXModel

/// RNN, GRU, LSTM: Y (seq, directions, batch, hidden), Y_h and Y_c (directions, batch, hidden);
/// `layout` = 1 (opset 14+) puts the batch first.
enum RecurrentRules {
    static let rules: [String: OperatorRule] = {
        var r: [String: OperatorRule] = [:]
        r.add(["RNN", "LSTM"], since: 1, CommonRules.versioned([(1, recurrent1), (7, recurrent(layout: false)), (14, recurrent(layout: true))]))
        r.add(["GRU"], since: 1, CommonRules.versioned([(1, CommonRules.nothing), (3, recurrent1), (7, recurrent(layout: false)), (14, recurrent(layout: true))]))
        return r
    }()

    private struct Dims {
        var directions = Dimension.unknown
        var sequence = Dimension.unknown
        var batch = Dimension.unknown
        var hidden = Dimension.unknown
    }

    private static func dims(_ c: NodeContext, layout: Int64, checkRank: Bool) throws(InferenceFailure) -> Dims {
        var d = Dims()
        switch c.string("direction", default: "forward") {
        case "forward", "reverse": d.directions = .fixed(1)
        case "bidirectional": d.directions = .fixed(2)
        default: break
        }
        let hidden = c.int("hidden_size", default: -1)
        if hidden > 0 { d.hidden = .fixed(hidden) }
        if let x = c.inputShape(0) {
            if checkRank { guard x.rank == 3 else { throw InferenceFailure("RNN input must be 3-D") } }
            guard x.rank >= 2 else { throw InferenceFailure("RNN input must be 3-D") }
            d.sequence = x.dims[layout == 0 ? 0 : 1]
            d.batch = x.dims[layout == 0 ? 1 : 0]
        }
        return d
    }

    /// Opsets 1-6: Y is inferred only with `output_sequence`.
    static let recurrent1: InferenceFunction = { (c: inout NodeContext) throws(InferenceFailure) in
        let d = try dims(c, layout: 0, checkRank: false)
        let n = c.outputCount
        guard n > 0 else { return }
        for o in 0..<min(n, 3) { try c.propagateElementType(from: 0, to: o) }
        guard c.int("output_sequence", default: 0) != 0 else { return }
        c.setShape([d.sequence, d.directions, d.batch, d.hidden], output: 0)
        for o in 1..<min(max(n, 1), 3) { c.setShape([d.directions, d.batch, d.hidden], output: o) }
    }

    static func recurrent(layout readLayout: Bool) -> InferenceFunction {
        return { (c: inout NodeContext) throws(InferenceFailure) in
            let layout = readLayout ? c.int("layout", default: 0) : 0
            let d = try dims(c, layout: layout, checkRank: true)
            let n = c.outputCount
            if n > 0 {
                try c.propagateElementType(from: 0, to: 0)
                c.setShape(layout == 0 ? [d.sequence, d.directions, d.batch, d.hidden] : [d.batch, d.sequence, d.directions, d.hidden], output: 0)
            }
            for o in 1..<3 where n > o {
                try c.propagateElementType(from: 0, to: o)
                c.setShape(layout == 0 ? [d.directions, d.batch, d.hidden] : [d.batch, d.directions, d.hidden], output: o)
            }
        }
    }
}
