import ONNXModel

/// Two clean-ups that PyTorch's exporter (its JIT common-subexpression and dead-code passes)
/// and onnx-simplifier apply, and that DARTS networks need because their modules repeat
/// parameter-free work:
///
/// - Identical nodes (same operator, attributes and inputs) are computed once: every ReLU that
///   reads the same tensor (a cell's preprocessing and several operations on one state), equal
///   pools, the `x[:, :, 1:, 1:]` of two FactorizedReduce on one input, and so on. The first
///   one is kept, later uses read its output. Nodes with weights never merge (their
///   initializers differ by name); small int64 constants compare by value.
/// - Nodes whose outputs nobody reads are dropped, and initializers nobody reads (such as the
///   constants of a merged Slice). Valid NB301 cells leave no dead node (the first node reads
///   both cell inputs), but a dead node would be dropped by the export too.
enum ExportGraphCleanup {
    static func apply(_ model: Model) -> Model {
        var model = model
        var graph = model.graph
        let int64Constants = Dictionary(
            graph.initializers.filter { $0.dataType == .int64 && ($0.elementCount ?? .max) <= 16 }
                .map { t in (t.name, "#int64\(t.dims):\((try? t.int64Values()) ?? [])") },
            uniquingKeysWith: { a, _ in a })

        struct NodeKey: Hashable {
            let op: String
            let domain: String
            let inputs: [String]
            let attributes: [Attribute]
        }
        var replacement: [String: String] = [:]
        var firstOf: [NodeKey: [String]] = [:]
        var merged: [Node] = []
        merged.reserveCapacity(graph.nodes.count)
        for var node in graph.nodes {
            node.inputs = node.inputs.map { replacement[$0] ?? $0 }
            let key = NodeKey(op: node.opType, domain: node.domain,
                              inputs: node.inputs.map { int64Constants[$0] ?? $0 }, attributes: node.attributes)
            if let outputs = firstOf[key], outputs.count == node.outputs.count {
                for (mine, kept) in zip(node.outputs, outputs) { replacement[mine] = kept }
                continue
            }
            firstOf[key] = node.outputs
            merged.append(node)
        }
        for i in graph.outputs.indices { graph.outputs[i].name = replacement[graph.outputs[i].name] ?? graph.outputs[i].name }

        var live = Set(graph.outputs.map(\.name))
        var keep = [Bool](repeating: false, count: merged.count)
        for i in merged.indices.reversed() where merged[i].outputs.contains(where: live.contains) {
            keep[i] = true
            live.formUnion(merged[i].inputs)
        }
        graph.nodes = merged.indices.filter { keep[$0] }.map { merged[$0] }
        graph.initializers = graph.initializers.filter { live.contains($0.name) }
        let produced = Set(graph.nodes.flatMap(\.outputs))
        graph.valueInfo = graph.valueInfo.filter { produced.contains($0.name) }
        model.graph = graph
        return model
    }
}
