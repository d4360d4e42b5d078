import ONNXModel

/// The clean-ups between a PyTorch trace and the reference ONNX files (eval-mode export, then
/// onnx-simplifier 0.4.36 with the onnx-optimizer 0.3.19 fuse/no-op passes), for the layers
/// the grammar spaces produce. Each keeps the surviving operations in trace order:
///
/// - Conv -> BatchNormalization, the conv output read only by the norm: one Conv with bias
///   (`fuse_bn_into_conv`, also done by the exporter itself).
/// - Transpose -> Transpose: one Transpose with the composed permutation, dropped when that
///   is the identity (`fuse_consecutive_transposes`, `eliminate_nop_transpose`).
/// - Concat of a Concat on the same axis read only there: one Concat (`fuse_consecutive_concats`).
/// - ReduceSum(keepdims=0) -> Unsqueeze of the same axes: ReduceSum(keepdims=1)
///   (`fuse_consecutive_reduce_unsqueeze`; here only when the reduction has that one reader,
///   where the optimizer would otherwise produce a wrongly shaped graph).
/// - Reshape -> Reshape, the first read only there: one Reshape; a Reshape to the same shape
///   disappears (`eliminate_consecutive_idempotent_ops`, `eliminate_nop_reshape`).
/// - `x * 1.0` disappears (`eliminate_nop_with_unit`).
/// - Identical operations without random weights on the same inputs are computed once,
///   the first one kept (`eliminate_common_subexpression`, and the exporter's own CSE).
/// - Three weight MatMuls reading one tensor, with equal weight shapes and each result read
///   once, become one MatMul on the concatenated weights and a Split (`fuse_qkv`).
/// - Operations nobody reads are dropped (`eliminate_deadend`).
extension TracedNetwork {
    mutating func simplify() {
        for _ in 0..<100 {
            var changed = false
            changed = foldBatchNorms() || changed
            changed = fuseTransposes() || changed
            changed = fuseConcats() || changed
            changed = fuseReduceUnsqueeze() || changed
            changed = fuseReshapes() || changed
            changed = removeUnitScales() || changed
            changed = mergeCommonSubexpressions() || changed
            changed = fuseQKV() || changed
            changed = removeDeadOperations() || changed
            if !changed { return }
        }
    }

    // MARK: bookkeeping

    private func producers() -> [Int: Int] {
        var p: [Int: Int] = [:]
        for (i, op) in operations.enumerated() { for o in op.outputs { p[o] = i } }
        return p
    }

    /// How many operation inputs read each value (+1 for the graph output).
    private func useCounts() -> [Int: Int] {
        var u: [Int: Int] = [output: 1]
        for op in operations { for v in op.inputs { u[v, default: 0] += 1 } }
        return u
    }

    /// Makes every reader of `old` after operation `from` read `new` instead.
    private mutating func replaceUses(of old: Int, with new: Int, after from: Int) {
        guard old != new else { return }
        for i in (from + 1)..<operations.count {
            for j in operations[i].inputs.indices where operations[i].inputs[j] == old { operations[i].inputs[j] = new }
        }
        if output == old { output = new }
    }

    private mutating func removeOperations(_ removed: [Bool]) {
        operations = operations.indices.filter { !removed[$0] }.map { operations[$0] }
    }

    // MARK: passes

    private mutating func foldBatchNorms() -> Bool {
        var producer = producers()
        var uses = useCounts()
        var removed = [Bool](repeating: false, count: operations.count)
        var changed = false
        for i in operations.indices where operations[i].layer == .batchNorm {
            let x = operations[i].inputs[0]
            guard let p = producer[x], !removed[p], uses[x] == 1,
                  case .conv(let out, let k, let s, let pad, let g, _) = operations[p].layer else { continue }
            operations[p].layer = .conv(outChannels: out, kernel: k, stride: s, padding: pad, groups: g, bias: true)
            let y = operations[i].outputs[0]
            uses[x] = uses[y, default: 0]
            replaceUses(of: y, with: x, after: i)
            producer[x] = p
            removed[i] = true
            changed = true
        }
        if changed { removeOperations(removed) }
        return changed
    }

    private mutating func fuseTransposes() -> Bool {
        let producer = producers()
        var uses = useCounts()
        var removed = [Bool](repeating: false, count: operations.count)
        var changed = false
        for i in operations.indices {
            guard case .transpose(var perm) = operations[i].layer else { continue }
            let x = operations[i].inputs[0]
            if let p = producer[x], !removed[p], case .transpose(let first) = operations[p].layer {
                perm = perm.map { first[$0] }
                operations[i].layer = .transpose(perm: perm)
                operations[i].inputs[0] = operations[p].inputs[0]
                uses[x, default: 1] -= 1
                uses[operations[p].inputs[0], default: 0] += 1
                if uses[x] == 0 { removed[p] = true }
                changed = true
            }
            if perm == Array(0..<perm.count) {
                let y = operations[i].outputs[0]
                let source = operations[i].inputs[0]
                uses[source, default: 0] += uses[y, default: 0] - 1
                replaceUses(of: y, with: source, after: i)
                removed[i] = true
                changed = true
            }
        }
        if changed { removeOperations(removed) }
        return changed
    }

    private mutating func fuseConcats() -> Bool {
        let producer = producers()
        let uses = useCounts()
        var removed = [Bool](repeating: false, count: operations.count)
        var changed = false
        for i in operations.indices {
            guard case .concat(let axis) = operations[i].layer else { continue }
            var inputs: [Int] = []
            for v in operations[i].inputs {
                if let p = producer[v], !removed[p], uses[v] == 1, operations[p].layer == .concat(axis: axis) {
                    inputs += operations[p].inputs
                    removed[p] = true
                    changed = true
                } else {
                    inputs.append(v)
                }
            }
            operations[i].inputs = inputs
        }
        if changed { removeOperations(removed) }
        return changed
    }

    private mutating func fuseReduceUnsqueeze() -> Bool {
        let producer = producers()
        let uses = useCounts()
        var removed = [Bool](repeating: false, count: operations.count)
        var changed = false
        for i in operations.indices {
            guard case .unsqueeze(let axes) = operations[i].layer else { continue }
            let x = operations[i].inputs[0]
            guard let p = producer[x], !removed[p], uses[x] == 1,
                  case .reduceSum(let reduced, false) = operations[p].layer, reduced == axes else { continue }
            operations[p].layer = .reduceSum(axes: reduced, keepDims: true)
            let y = operations[i].outputs[0]
            shapes[x] = shapes[y]
            replaceUses(of: y, with: x, after: i)
            removed[i] = true
            changed = true
        }
        if changed { removeOperations(removed) }
        return changed
    }

    private mutating func fuseReshapes() -> Bool {
        let producer = producers()
        let uses = useCounts()
        var removed = [Bool](repeating: false, count: operations.count)
        var changed = false
        for i in operations.indices {
            guard case .reshape = operations[i].layer else { continue }
            let x = operations[i].inputs[0]
            if let p = producer[x], !removed[p], uses[x] == 1, case .reshape = operations[p].layer {
                operations[i].inputs[0] = operations[p].inputs[0]
                removed[p] = true
                changed = true
            }
            let source = operations[i].inputs[0]
            if shapes[source] == shapes[operations[i].outputs[0]] {
                replaceUses(of: operations[i].outputs[0], with: source, after: i)
                removed[i] = true
                changed = true
            }
        }
        if changed { removeOperations(removed) }
        return changed
    }

    private mutating func removeUnitScales() -> Bool {
        var removed = [Bool](repeating: false, count: operations.count)
        var changed = false
        for i in operations.indices where operations[i].layer == .scale(1) {
            replaceUses(of: operations[i].outputs[0], with: operations[i].inputs[0], after: i)
            removed[i] = true
            changed = true
        }
        if changed { removeOperations(removed) }
        return changed
    }

    private mutating func mergeCommonSubexpressions() -> Bool {
        struct Key: Hashable {
            let layer: TracedLayer
            let inputs: [Int]
        }
        let ops = operations
        let (duplicates, replacement) = GraphRewrites.commonSubexpressions(
            count: ops.count, inputs: { ops[$0].inputs }, outputs: { ops[$0].outputs },
            signature: { i, inputs in ops[i].layer.hasRandomParameters ? nil : Key(layer: ops[i].layer, inputs: inputs) })
        guard !duplicates.isEmpty else { return false }
        for i in operations.indices {
            for j in operations[i].inputs.indices {
                if let r = replacement[operations[i].inputs[j]] { operations[i].inputs[j] = r }
            }
        }
        output = replacement[output] ?? output
        removeOperations(operations.indices.map(duplicates.contains))
        return true
    }

    private mutating func fuseQKV() -> Bool {
        let producer = producers()
        let uses = useCounts()
        var readers: [Int: [Int]] = [:]
        for (i, op) in operations.enumerated() { for v in op.inputs { readers[v, default: []].append(i) } }
        for (value, users) in readers.sorted(by: { $0.key < $1.key }) where users.count == 3 && uses[value] == 3 {
            guard Set(users).count == 3 else { continue }
            var shape: (Int, Int)?
            var fusable = true
            for u in users {
                guard case .linearWeight(let inF, let outF) = operations[u].layer, operations[u].inputs[0] == value,
                      uses[operations[u].outputs[0]] == 1, shape == nil || shape! == (inF, outF) else { fusable = false; break }
                shape = (inF, outF)
            }
            guard fusable, let (inF, outF) = shape else { continue }
            let scope = operations[users[0]].scope
            let product = newValue(shape: Array(shapes[value].dropLast()) + [3 * outF])
            let parts = users.map { shapes[operations[$0].outputs[0]] }.map { newValue(shape: $0) }
            let fused = TracedOperation(layer: .linearWeight(inFeatures: inF, outFeatures: 3 * outF),
                                        inputs: [value], outputs: [product], scope: scope)
            let split = TracedOperation(layer: .split(axis: -1, sizes: [outF, outF, outF]),
                                        inputs: [product], outputs: parts, scope: scope)
            let at = producer[value].map { $0 + 1 } ?? 0
            let old = users.map { operations[$0].outputs[0] }
            var rebuilt = operations
            for u in users.sorted(by: >) { rebuilt.remove(at: u) }
            let shift = users.filter { $0 < at }.count
            rebuilt.insert(contentsOf: [fused, split], at: at - shift)
            operations = rebuilt
            for (o, n) in zip(old, parts) { replaceUses(of: o, with: n, after: -1) }
            return true
        }
        return false
    }

    private mutating func removeDeadOperations() -> Bool {
        let ops = operations
        let (live, _) = GraphRewrites.liveOperations(count: ops.count, roots: [output],
                                                     inputs: { ops[$0].inputs }, outputs: { ops[$0].outputs })
        guard live.contains(false) else { return false }
        removeOperations(live.map { !$0 })
        return true
    }
}
