/// A rule found the node inconsistent (wrong rank, bad attribute, ...). Like ONNX's
/// `fail_shape_inference`, it discards everything the rule inferred for that node; inference
/// of the rest of the graph goes on. The reason is a static string so that failing costs no
/// formatting.
struct InferenceFailure: Error, Sendable {
    let reason: StaticString
    init(_ reason: StaticString) { self.reason = reason }
}
