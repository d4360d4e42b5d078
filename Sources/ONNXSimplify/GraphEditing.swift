import ONNXModel

/// Fresh value/initializer names that collide with nothing in the graph (nor its subgraphs'
/// outer references), so that rewrites never capture an existing value.
struct NameAllocator {
    private var taken: Set<String>

    init(_ graph: Graph) {
        var names = Set<String>()
        for v in graph.inputs { names.insert(v.name) }
        for v in graph.outputs { names.insert(v.name) }
        for v in graph.valueInfo { names.insert(v.name) }
        for t in graph.initializers { names.insert(t.name) }
        for n in graph.nodes {
            names.formUnion(n.inputs)
            names.formUnion(n.outputs)
        }
        taken = names
    }

    /// `base` if free, else `base_1`, `base_2`, ... (deterministic).
    mutating func fresh(_ base: String) -> String {
        let stem = base.isEmpty ? "value" : base
        var candidate = stem
        var k = 1
        while taken.contains(candidate) {
            candidate = "\(stem)_\(k)"
            k += 1
        }
        taken.insert(candidate)
        return candidate
    }
}

/// Small in-place edits shared by the passes.
extension Graph {
    /// Makes every node input that reads `old` read `new` instead.
    mutating func replaceUses(of old: String, with new: String) {
        guard old != new else { return }
        for i in nodes.indices where nodes[i].inputs.contains(old) {
            for j in nodes[i].inputs.indices where nodes[i].inputs[j] == old { nodes[i].inputs[j] = new }
        }
    }
}

/// Removing a node that passes one of its inputs through unchanged (`output == input`).
enum Bypass {
    /// Rewires the graph so that readers of `output` read `input`, then drops the node.
    /// When `output` is pinned (a graph output or read by a subgraph) the producer of `input`
    /// is renamed instead, which is only possible when `input` is a plain node output.
    /// Returns false (and changes nothing) when neither is possible.
    static func remove(node index: Int, output: String, input: String, in graph: inout Graph,
                       index gi: GraphIndex) -> Bool {
        if !gi.isPinned(output) {
            graph.replaceUses(of: output, with: input)
            graph.removeNodes([index])
            return true
        }
        // `output` must keep its name: give that name to `input`'s producer.
        guard let p = gi.producer[input], p != index, !gi.isPinned(input),
              !gi.graphInputs.contains(input), gi.initializerIndex[input] == nil else { return false }
        for j in graph.nodes[p].outputs.indices where graph.nodes[p].outputs[j] == input {
            graph.nodes[p].outputs[j] = output
        }
        graph.replaceUses(of: input, with: output)
        graph.removeNodes([index])
        return true
    }
}
