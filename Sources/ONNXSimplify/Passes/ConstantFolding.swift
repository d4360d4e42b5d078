import ONNXModel

/// Turns `Constant` nodes into initializers and evaluates nodes whose inputs are all known
/// (Shape/Gather/Unsqueeze/Concat chains feeding Reshape, Expand, Resize or Pad, constant
/// arithmetic), replacing them with initializers. Only small results are materialised, so
/// folding never turns a compact description (ConstantOfShape, Expand) into a large tensor.
struct ConstantFolding: SimplifyPass {
    let name = "constant_folding"
    let needsFacts = true

    /// Operators `ConstantEvaluator` knows. `Shape` and `Size` only need their input's shape.
    static let foldable: Set<String> = [
        "Shape", "Size", "Gather", "Unsqueeze", "Squeeze", "Concat", "Reshape", "Flatten", "Cast", "Slice",
        "Transpose", "Expand", "ConstantOfShape", "Range", "Add", "Sub", "Mul", "Div", "Equal", "Less",
        "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or", "Min", "Max", "Neg", "Abs", "Floor", "Ceil",
        "Sqrt", "Reciprocal", "Not", "Where",
    ]

    func run(_ model: inout Model, context: PassContext) throws -> PassOutcome {
        var outcome = PassOutcome()
        var graph = model.graph
        outcome.changes += constantNodesToInitializers(&graph)
        outcome.changes += foldNodes(&graph, context: context)
        model.graph = graph
        // Before IR 4 every initializer had to be a graph input too; IR 4 lifted that and
        // changed nothing else, so new initializers raise the version rather than the inputs.
        if outcome.changes > 0 { model.irVersion = max(model.irVersion, 4) }
        return outcome
    }

    private func constantNodesToInitializers(_ graph: inout Graph) -> Int {
        let gi = GraphIndex(graph)
        var removed = Set<Int>()
        var added: [Tensor] = []
        for (i, node) in graph.nodes.enumerated() where node.opType == "Constant" && node.isDefaultDomain {
            guard node.outputs.count == 1, let out = node.outputs.first, !out.isEmpty, !gi.isPinned(out),
                  !gi.graphInputs.contains(out), gi.initializerIndex[out] == nil,
                  let t = ConstantNode.tensor(of: node) else { continue }
            added.append(t)
            removed.insert(i)
        }
        graph.initializers.append(contentsOf: added)
        graph.removeNodes(removed)
        return removed.count
    }

    private func foldNodes(_ graph: inout Graph, context: PassContext) -> Int {
        let gi = GraphIndex(graph)
        let limit = context.options.maxFoldedElements
        let evaluator = ConstantEvaluator(opset: context.opset, limit: limit)
        var known: [String: ConstantValue] = [:]
        var undecodable = Set<String>()

        /// The value of `name` if it is a constant small enough to evaluate with.
        func value(_ name: String) -> ConstantValue? {
            if let v = known[name] { return v }
            guard !undecodable.contains(name), gi.isConstantInitializer(name),
                  let i = gi.initializerIndex[name] else { return nil }
            let t = graph.initializers[i]
            guard let n = t.elementCount, n <= limit, let v = ConstantValue(t) else {
                undecodable.insert(name)
                return nil
            }
            known[name] = v
            return v
        }

        var removed = Set<Int>()
        var added: [Tensor] = []
        for (i, node) in graph.nodes.enumerated() {
            guard node.isDefaultDomain, Self.foldable.contains(node.opType), !node.hasSubgraph,
                  node.outputs.count == 1, let out = node.outputs.first, !out.isEmpty, !gi.isPinned(out),
                  gi.initializerIndex[out] == nil else { continue }
            var inputs: [ConstantValue?] = []
            var inputBytes = 0
            var firstShape: TensorShape?
            if let v = gatherFromShape(node, graph: graph, gi: gi, facts: context.facts, opset: context.opset,
                                       value: value) {
                known[out] = v
                added.append(v.tensor(named: out))
                removed.insert(i)
                continue
            }
            if node.opType == "Shape" || node.opType == "Size" {
                guard let x = node.inputs.first, !x.isEmpty else { continue }
                if let v = value(x) { firstShape = TensorShape(fixed: v.dims) } else { firstShape = context.facts.shape(x) }
            } else {
                var complete = true
                for x in node.inputs {
                    if x.isEmpty { inputs.append(nil); continue }
                    guard let v = value(x) else { complete = false; break }
                    inputs.append(v)
                    inputBytes += v.byteCount
                }
                guard complete, !inputs.isEmpty else { continue }
            }
            guard let results = evaluator.evaluate(node, inputs: inputs, firstInputShape: firstShape),
                  let result = results.first,
                  result.byteCount <= max(inputBytes, context.options.maxExpansionBytes) else { continue }
            known[out] = result
            added.append(result.tensor(named: out))
            removed.insert(i)
        }
        graph.initializers.append(contentsOf: added)
        graph.removeNodes(removed)
        return removed.count
    }

    /// `Gather(Shape(x), i)` where the picked dims of `x` are known even though others are not
    /// (a dynamic batch): the `x.view(x.size(0), -1)`-style exports index single dims.
    private func gatherFromShape(_ node: Node, graph: Graph, gi: GraphIndex, facts: ValueFacts, opset: Int64,
                                 value: (String) -> ConstantValue?) -> ConstantValue? {
        guard node.opType == "Gather", node.inputs.count == 2, let p = gi.producer[node.inputs[0]] else { return nil }
        let shapeNode = graph.nodes[p]
        guard shapeNode.opType == "Shape", shapeNode.isDefaultDomain, let x = shapeNode.inputs.first,
              let shape = facts.shape(x), (node.attribute("axis")?.i ?? 0) == 0,
              let idx = value(node.inputs[1]), ConstantValue.isInteger(idx.dataType), idx.count <= 64 else { return nil }
        // The dims Shape returns (opset 15 added start/end).
        let r = Int64(shape.rank)
        func clamp(_ v: Int64) -> Int64 { let c = v < 0 ? v + r : v; return min(max(c, 0), r) }
        let start = opset >= 15 ? clamp(shapeNode.attribute("start")?.i ?? 0) : 0
        let end = opset >= 15 ? clamp(shapeNode.attribute("end")?.i ?? r) : r
        let n = max(end - start, 0)
        var picked: [Int64] = []
        for i in idx.ints {
            let j = i < 0 ? i + n : i
            guard j >= 0, j < n, let d = shape.dims[Int(start + j)].fixedValue, d >= 0 else { return nil }
            picked.append(d)
        }
        return ConstantValue(ints: picked, dims: idx.dims)
    }
}
