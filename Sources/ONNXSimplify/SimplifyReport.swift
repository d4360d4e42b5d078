import ONNXModel
import ONNXNetSupport

/// What simplification did, for `onnxnet simplify --json` and for callers that want to know
/// why a model did not reach the canonical form.
public struct SimplifyReport: Sendable, Equatable {
    /// One pass, summed over all rounds.
    public struct PassSummary: Sendable, Equatable {
        public var name: String
        public var changes: Int
        /// Remarks without repeats, in the order they first appeared.
        public var notes: [String]
    }

    public var passes: [PassSummary] = []
    /// Rounds run (each round runs every pass once).
    public var iterations = 0
    /// False when `maxIterations` ran out while passes were still changing the model.
    public var reachedFixedPoint = false
    public var nodesBefore = 0
    public var nodesAfter = 0
    public var bytesBefore = 0
    public var bytesAfter = 0
    public var opsetBefore: Int64?
    public var opsetAfter: Int64?
    public var warnings: [String] = []

    public init() {}

    public func changes(of pass: String) -> Int { passes.first { $0.name == pass }?.changes ?? 0 }

    mutating func record(_ pass: String, _ outcome: PassOutcome) {
        if let i = passes.firstIndex(where: { $0.name == pass }) {
            passes[i].changes += outcome.changes
            for n in outcome.notes where !passes[i].notes.contains(n) { passes[i].notes.append(n) }
        } else {
            var notes: [String] = []
            for n in outcome.notes where !notes.contains(n) { notes.append(n) }
            passes.append(PassSummary(name: pass, changes: outcome.changes, notes: notes))
        }
    }

    public var json: JSONValue {
        .object([
            ("iterations", .int(iterations)),
            ("reached_fixed_point", .bool(reachedFixedPoint)),
            ("nodes_before", .int(nodesBefore)),
            ("nodes_after", .int(nodesAfter)),
            ("bytes_before", .int(bytesBefore)),
            ("bytes_after", .int(bytesAfter)),
            ("opset_before", opsetBefore.map { .int(Int($0)) } ?? .null),
            ("opset_after", opsetAfter.map { .int(Int($0)) } ?? .null),
            ("passes", .array(passes.map { p in
                .object([("name", .string(p.name)), ("changes", .int(p.changes)),
                         ("notes", .array(p.notes.map { .string($0) }))])
            })),
            ("warnings", .array(warnings.map { .string($0) })),
        ])
    }
}
