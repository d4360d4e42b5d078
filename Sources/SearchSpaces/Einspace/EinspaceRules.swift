/// einspace's shape-driven validity and sampling distribution, after `EinSpace.filter_options`,
/// `recurse_shapes`, `recurse_modes` and `recurse_branching` of the original:
///
/// - tensors are images `[B, C, H, W]` ("im" mode) or token matrices `[B, S, D]` ("col");
///   `im2col` goes from the first to the second, `col2im` back (only after an `im2col` of the
///   same routing module, whose output grid it restores);
/// - branching functions must split an axis evenly, and the original's filter drops every
///   k-way group as soon as any axis is shorter than k, and every split of an odd axis;
/// - aggregations need matching shapes (equal for `add_tensors`, equal but for the joined axis
///   for concatenation, inner dimensions for the matrix products);
/// - the "branching factor" the original threads through modules (a module passes its
///   input's factor on, a branching function sets it, an aggregation resets it to 1, and a
///   sequential module's second half inherits the sequential module's input factor) decides
///   which aggregations may follow: only `add_tensors` and the matching concatenation after a
///   4- or 8-way branch, dot products only when it is 2.
///
/// Sampling follows the original: a module is a computation with probability 0.32 and
/// otherwise one of the remaining module kinds uniformly (no computation at the network's
/// top, only computations at the depth limit), every other choice is uniform over the
/// allowed options, and a branching module whose aggregation has no allowed option is
/// dropped at that position.
struct EinspaceRules: DerivationRules {
    enum Mode: Hashable {
        case image, columns
    }

    struct Context {
        var shape: [Int]
        var mode: Mode
        /// The original's `input_branching_factor`.
        var factor = 1
        /// Shape of the second tensor an aggregation combines.
        var other: [Int]?
        /// The output grid of this routing module's `im2col`, for `col2im`.
        var fold: [Int]?
    }

    /// What the PyTorch network spends on a subtree (the network head included at the top).
    struct Cost {
        var parameters = 0
        var macs = 0
        /// ONNX nodes before the exporter's clean-ups (an upper bound of the final count).
        var nodes = 0
        var largestTensor = 0

        static func + (a: Cost, b: Cost) -> Cost {
            Cost(parameters: a.parameters + b.parameters, macs: a.macs + b.macs, nodes: a.nodes + b.nodes,
                 largestTensor: max(a.largestTensor, b.largestTensor))
        }

        static func * (n: Int, a: Cost) -> Cost {
            Cost(parameters: n * a.parameters, macs: n * a.macs, nodes: n * a.nodes, largestTensor: a.largestTensor)
        }
    }

    struct Value {
        var shape: [Int]
        var mode: Mode
        /// The original's `output_branching_factor`.
        var factor: Int
        var fold: [Int]?
        var cost: Cost
    }

    /// Sampling settings. The first three are the original's (`search_space_*` of its
    /// configs); the rest bound what a sample may cost, where the original only checks the
    /// machine's free memory.
    struct Limits: Sendable {
        var computationProbability = 0.32
        var minModuleDepth = 0
        var maxModuleDepth = 100
        var parameters = 20_000_000
        var macs = 2_000_000_000
        var nodes = 5_000
        var tensorElements = 4_000_000
    }

    let limits: Limits
    /// Whether passing a limit aborts the derivation (sampling) or is fine (validating).
    let enforceLimits: Bool

    var grammar: ContextFreeGrammar { EinspaceGrammar.grammar }

    static let classes = 10

    // MARK: restrictions

    func restriction(of production: GrammarProduction, in context: Context, depth: Int) -> String? {
        guard let name = production.head else { return nil }
        switch production.lhs {
        case "B2", "B4", "B8": return branchingRestriction(name, context)
        case "A2", "A4", "A8": return aggregationRestriction(name, context)
        case "P", "R": return routingRestriction(name, context, post: production.lhs == "R")
        default: return nil
        }
    }

    private func branchingRestriction(_ name: String, _ c: Context) -> String? {
        guard let (k, d) = EinspaceGrammar.groupDim(name) else { return nil }
        let s = c.shape
        let axes = c.mode == .image ? 3 : 2
        if d > axes { return "a \(s.count)-D tensor has no axis \(d)" }
        if s[d] % 2 != 0 { return "axis \(d) has odd size \(s[d])" }
        if let short = (1...axes).first(where: { s[$0] < k }) {
            return "axis \(short) is shorter than \(k) (the original then allows no \(k)-way group)"
        }
        if s[d] % k != 0 { return "axis \(d) of size \(s[d]) does not split into \(k) equal groups" }
        return nil
    }

    private func aggregationRestriction(_ name: String, _ c: Context) -> String? {
        guard let other = c.other else { return "there is no second tensor" }
        let s = c.shape
        guard s.count == other.count else { return "the branches end in tensors of rank \(s.count) and \(other.count)" }
        let image = c.mode == .image
        if c.factor == 4 || c.factor == 8 {
            let allowed = name == "add_tensors" || (EinspaceGrammar.catTensors(name)?.tensors == c.factor)
            if !allowed { return "after a \(c.factor)-way branch only add_tensors and \(c.factor)-tensor concatenation" }
        }
        if name == "dot_product" || name == "scaled_dot_product" {
            if c.factor != 2 { return "a matrix product needs the branching factor 2 (it is \(c.factor))" }
            if image ? (s[3] != other[2] || s[1] != other[1]) : s[2] != other[1] {
                return "shapes \(s.dropFirst()) and \(other.dropFirst()) do not multiply"
            }
        }
        if let (dim, _) = EinspaceGrammar.catTensors(name) {
            let axes = image ? 3 : 2
            if dim > axes { return "a \(s.count)-D tensor has no axis \(dim)" }
            if (1...axes).contains(where: { $0 != dim && s[$0] != other[$0] }) {
                return "shapes \(s.dropFirst()) and \(other.dropFirst()) differ off axis \(dim)"
            }
        }
        if name == "add_tensors", s != other { return "shapes \(s.dropFirst()) and \(other.dropFirst()) differ" }
        return nil
    }

    private func routingRestriction(_ name: String, _ c: Context, post: Bool) -> String? {
        let s = c.shape
        switch c.mode {
        case .image:
            if name == "col2im" || name == "permute21" { return "\(name) applies to 3-D tensors" }
            if let (k, _, _) = EinspaceGrammar.im2col(name), k > 1, s[2] < k || s[3] < k {
                return "a \(k)x\(k) kernel does not fit a \(s[2])x\(s[3]) image"
            }
        case .columns:
            if EinspaceGrammar.im2col(name) != nil { return "\(name) applies to images" }
            if let perm = EinspaceGrammar.permutation(name), perm.count != 3 { return "\(name) applies to images" }
            if post && name == "col2im" {
                guard let fold = c.fold else { return "no im2col starts this routing module" }
                if (s[1] * s[2]) % (fold[0] * fold[1]) != 0 {
                    return "\(s[1]) x \(s[2]) values do not fold onto a \(fold[0]) x \(fold[1]) grid"
                }
            }
        }
        return nil
    }

    // MARK: sampling weights

    func weights(of candidates: [GrammarProduction], in context: Context, depth: Int) -> [Double] {
        guard let lhs = candidates.first?.lhs, lhs == "M" || lhs == "NETWORK" else {
            return candidates.map { _ in 1 }
        }
        // Branching counts as one option, then one branching function among all allowed ones.
        let branchOptions = candidates.map { p -> Int in
            guard p.head == "branching_module", let b = p.nonterminals.first else { return 0 }
            return grammar.alternatives(of: b).filter { restriction(of: grammar.productions[$0], in: context, depth: depth) == nil }.count
        }
        let totalBranch = branchOptions.reduce(0, +)
        var kinds = Set(candidates.compactMap(\.head))
        if totalBranch == 0 { kinds.remove("branching_module") }
        if lhs == "M", depth >= limits.maxModuleDepth { kinds = kinds.intersection(["computation_module"]) }
        if lhs == "M", depth < limits.minModuleDepth, kinds.count > 1 { kinds.remove("computation_module") }
        let hasComputation = kinds.contains("computation_module")
        let others = kinds.count - (hasComputation ? 1 : 0)
        let share = others == 0 ? 0 : (hasComputation ? 1 - limits.computationProbability : 1) / Double(others)
        return candidates.enumerated().map { i, p in
            guard let head = p.head, kinds.contains(head) else { return 0 }
            if head == "computation_module" { return others == 0 ? 1 : limits.computationProbability }
            if head == "branching_module" { return share * Double(branchOptions[i]) / Double(totalBranch) }
            return share
        }
    }

    func exclusionGroup(of production: GrammarProduction) -> String? {
        production.head == "branching_module" ? "branching_module" : nil
    }

    // MARK: attributes

    static func branchingFactor(_ p: GrammarProduction) -> Int {
        switch p.nonterminals.first {
        case "B4": return 4
        case "B8": return 8
        default: return 2
        }
    }

    func context(ofChild index: Int, of production: GrammarProduction, parent: Context, siblings: [Value]) throws -> Context {
        func from(_ v: Value) -> Context { Context(shape: v.shape, mode: v.mode, factor: v.factor) }
        let first = Context(shape: parent.shape, mode: parent.mode, factor: parent.factor)
        switch production.head {
        case "sequential_module":
            return index == 0 ? first : Context(shape: siblings[0].shape, mode: siblings[0].mode, factor: parent.factor)
        case "branching_module":
            let factor = Self.branchingFactor(production)
            let inner = factor == 2 ? 2 : 1
            if index == 0 { return first }
            if index <= inner { return from(siblings[0]) }
            let a = siblings[1], b = siblings[factor == 2 ? 2 : 1]
            return Context(shape: a.shape, mode: a.mode, factor: a.factor, other: b.shape)
        case "routing_module":
            if index == 0 { return first }
            if index == 1 { return from(siblings[0]) }
            var c = from(siblings[1])
            c.fold = siblings[0].fold
            return c
        default:
            return first
        }
    }

    func value(of production: GrammarProduction, in context: Context, children: [Value]) throws -> Value {
        guard let head = production.head else { throw DerivationRuleViolation("production without a name") }
        var v: Value
        switch production.lhs {
        case "NETWORK", "M":
            v = module(head, production, children)
            if production.lhs == "NETWORK" { v.cost = v.cost + headCost(v.shape) }
        default:
            v = try terminal(head, lhs: production.lhs, context)
        }
        v.cost.largestTensor = max(v.cost.largestTensor, v.shape.reduce(1, *))
        if enforceLimits { try check(v.cost) }
        return v
    }

    private func module(_ head: String, _ p: GrammarProduction, _ c: [Value]) -> Value {
        switch head {
        case "sequential_module":
            var v = c[1]
            v.cost = c[0].cost + c[1].cost
            return v
        case "branching_module":
            let factor = Self.branchingFactor(p)
            var v = c[c.count - 1]
            let inner = factor == 2 ? c[1].cost + c[2].cost : factor * c[1].cost
            v.cost = c[0].cost + inner + c[c.count - 1].cost
            return v
        case "routing_module":
            var v = c[2]
            v.fold = nil
            v.cost = c[0].cost + c[1].cost + c[2].cost
            return v
        default:
            return c[0]
        }
    }

    private func headCost(_ shape: [Int]) -> Cost {
        let features = shape[1]
        return Cost(parameters: features * Self.classes + Self.classes, macs: features * Self.classes, nodes: 2)
    }

    private func check(_ c: Cost) throws {
        if c.parameters > limits.parameters { throw DerivationBudgetExceeded("more than \(limits.parameters) parameters") }
        if c.macs > limits.macs { throw DerivationBudgetExceeded("more than \(limits.macs) multiply-adds") }
        if c.nodes > limits.nodes { throw DerivationBudgetExceeded("more than \(limits.nodes) nodes") }
        if c.largestTensor > limits.tensorElements { throw DerivationBudgetExceeded("a tensor of more than \(limits.tensorElements) values") }
    }

    // MARK: terminals (recurse_shapes)

    private func terminal(_ name: String, lhs: String, _ c: Context) throws -> Value {
        let s = c.shape
        var out = Value(shape: s, mode: c.mode, factor: c.factor, cost: Cost())
        if let why = restriction(of: GrammarProduction(lhs: lhs, rhs: [.terminal(name)]), in: c, depth: 0) {
            throw DerivationRuleViolation(why)
        }
        switch lhs {
        case "B2", "B4", "B8":
            if let n = EinspaceGrammar.cloneCount(name) {
                out.factor = n
            } else if let (k, d) = EinspaceGrammar.groupDim(name) {
                out.shape[d] = s[d] / k
                out.factor = k
                out.cost.nodes = 1
            }
        case "A2", "A4", "A8":
            let tensors = lhs == "A2" ? 2 : lhs == "A4" ? 4 : 8
            let other = c.other ?? s
            out.factor = 1
            switch name {
            case "dot_product", "scaled_dot_product":
                out.shape = Array(s.dropLast()) + [other[other.count - 1]]
                out.cost = Cost(macs: out.shape.dropFirst().reduce(1, *) * s[s.count - 1], nodes: name == "dot_product" ? 1 : 2)
            case "add_tensors":
                out.cost.nodes = tensors + 2
            default:
                let (dim, _) = EinspaceGrammar.catTensors(name)!
                out.shape[dim] = tensors == 2 ? s[dim] + other[dim] : tensors * s[dim]
                out.cost.nodes = 1
            }
        case "P", "R":
            if let perm = EinspaceGrammar.permutation(name) {
                out.shape = perm.map { s[$0] }
                out.cost.nodes = 1
            } else if let (k, st, p) = EinspaceGrammar.im2col(name) {
                let oh = (s[2] + 2 * p - k) / st + 1, ow = (s[3] + 2 * p - k) / st + 1
                out.shape = [s[0], oh * ow, s[1] * k * k]
                out.mode = .columns
                out.fold = [oh, ow]
                out.cost.nodes = 6
            } else if name == "col2im", let fold = c.fold {
                out.shape = [s[0], s[1] * s[2] / (fold[0] * fold[1]), fold[0], fold[1]]
                out.mode = .image
                out.cost.nodes = 2
            }
        default: // "C"
            if let width = EinspaceGrammar.linearWidth(name) {
                let inF = s[s.count - 1]
                out.shape[s.count - 1] = width
                out.cost = Cost(parameters: inF * width + width, macs: out.shape.dropFirst().reduce(1, *) * inF, nodes: 2)
            } else if name == "norm" {
                out.cost = Cost(parameters: 2 * (s.count == 4 ? s[1] : s[s.count - 1]), nodes: 1)
            } else if name == "learnable_positional_encoding" {
                out.cost = Cost(parameters: s.dropFirst().reduce(1, *), nodes: 1)
            } else if name == "leakyrelu" || name == "softmax" {
                out.cost.nodes = 1
            }
        }
        return out
    }
}
