import ONNXModel

/// One rewrite of the simplifier. A pass edits the model in place and says how many changes
/// it made; the simplifier runs all passes again until none changes anything.
protocol SimplifyPass {
    /// Stable name used in reports (`onnxnet simplify --json`).
    var name: String { get }
    /// Whether the pass reads `PassContext.facts` (shape inference is only rerun for those).
    var needsFacts: Bool { get }
    func run(_ model: inout Model, context: PassContext) throws -> PassOutcome
}

extension SimplifyPass {
    var needsFacts: Bool { false }
}

/// What a pass may consult besides the model.
struct PassContext {
    let options: SimplifyOptions
    /// Types and shapes known before this pass ran.
    let facts: ValueFacts
    /// The default-domain opset the model declares (operator semantics depend on it).
    let opset: Int64
}

struct PassOutcome {
    var changes = 0
    /// Human-readable remarks: what was skipped and why, what was treated specially.
    var notes: [String] = []
}
