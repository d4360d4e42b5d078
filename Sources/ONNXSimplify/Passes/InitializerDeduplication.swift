import ONNXModel

/// Merges initializers that hold the same tensor (type, dims and bytes), keeping the first
/// one's name, as onnx-simplifier does. Exporters emit equal tensors under several names
/// (each `Constant` of a repeated cell, each folded zero bias) and how many depends on the
/// weight values, not on the architecture. Initializers a graph input can override are left
/// alone.
struct InitializerDeduplication: SimplifyPass {
    let name = "initializer_deduplication"

    func run(_ model: inout Model, context: PassContext) throws -> PassOutcome {
        var outcome = PassOutcome()
        guard context.options.deduplicateInitializers else { return outcome }
        var graph = model.graph
        let gi = GraphIndex(graph)
        var firstWithContent: [Tensor: String] = [:]
        var replacement: [String: String] = [:]
        var dropped = Set<Int>()
        for (i, t) in graph.initializers.enumerated() {
            // Only tensors whose payload is all there: two tensors stripped of their data
            // (as in shape-only copies of models) are not known to be equal.
            guard gi.isConstantInitializer(t.name), Self.hasCompletePayload(t) else { continue }
            var key = t
            key.name = ""
            key.docString = ""
            if let keep = firstWithContent[key] {
                // A pinned name must stay defined; the first copy of a name wins.
                guard keep != t.name, !gi.isPinned(t.name), gi.initializerIndex[t.name] == i else { continue }
                replacement[t.name] = keep
                dropped.insert(i)
            } else {
                firstWithContent[key] = t.name
            }
        }
        guard !dropped.isEmpty else { return outcome }
        for n in graph.nodes.indices {
            for j in graph.nodes[n].inputs.indices {
                if let r = replacement[graph.nodes[n].inputs[j]] { graph.nodes[n].inputs[j] = r }
            }
        }
        graph.initializers = graph.initializers.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
        outcome.changes = dropped.count
        model.graph = graph
        return outcome
    }

    /// Whether the tensor's data field holds exactly its element count (external data does
    /// not qualify: its bytes are not in hand).
    static func hasCompletePayload(_ t: Tensor) -> Bool {
        guard !t.isExternal, let n = t.elementCount else { return false }
        if let raw = t.rawData {
            guard let size = t.dataType.byteSize else { return false }
            let (bytes, overflow) = n.multipliedReportingOverflow(by: size)
            return !overflow && raw.count == bytes
        }
        let typed = [t.floatData.count, t.int32Data.count, t.int64Data.count, t.doubleData.count,
                     t.uint64Data.count, t.stringData.count]
        return typed.filter { $0 > 0 }.count <= 1 && typed.reduce(0, +) == n
    }
}
