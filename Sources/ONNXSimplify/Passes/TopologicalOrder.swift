import ONNXModel

/// Orders nodes so that every value is produced before it is read, deterministically: among
/// the nodes that are ready, the one that came first in the file goes first. A graph already
/// in order keeps its order exactly (the exporter's order is what onnx-simplifier keeps and
/// what ONNX-Bench's encodings walk). Nodes caught in a cycle or reading undefined values
/// (invalid files) keep their relative order at the end.
struct TopologicalOrder: SimplifyPass {
    let name = "topological_order"

    func run(_ model: inout Model, context: PassContext) throws -> PassOutcome {
        var outcome = PassOutcome()
        guard context.options.sortTopologically else { return outcome }
        let order = Self.order(model.graph)
        if order != Array(model.graph.nodes.indices) {
            model.graph.nodes = order.map { model.graph.nodes[$0] }
            outcome.changes = 1
        }
        return outcome
    }

    static func order(_ graph: Graph) -> [Int] {
        let gi = GraphIndex(graph)
        let nodes = graph.nodes
        var order = GraphRewrites.topologicalOrder(count: nodes.count) { i in
            nodes[i].inputs.filter { !$0.isEmpty }.compactMap { gi.producer[$0] }
                + nodes[i].subgraphReads.compactMap { gi.producer[$0] }
        }
        if order.count < nodes.count {
            // The rest (cycles, invalid files) keep their relative order at the end.
            var placed = [Bool](repeating: false, count: nodes.count)
            for i in order { placed[i] = true }
            for i in nodes.indices where !placed[i] { order.append(i) }
        }
        return order
    }
}
