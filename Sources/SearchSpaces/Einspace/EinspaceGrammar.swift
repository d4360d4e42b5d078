/// The einspace grammar (Ericsson et al., "einspace: Searching for Neural Architectures from
/// Fundamental Operations", NeurIPS 2024; linusericsson/einspace `EinSpace.available_options`)
/// with the terminals of its 2-D (image) version. A module is sequential (two modules in a
/// row), branching (a branching function, inner modules, an aggregation), routing
/// (pre-routing, a module, post-routing) or computation (one computation function); the
/// network itself is any module but a bare computation.
///
/// Branching is written once per branching factor: with factor 2 the two branches have their
/// own modules; with 4 or 8 one module is sampled and copied to every branch (the original
/// deep-copies it), so it is written once. Aggregations are those that combine that many
/// tensors (the original lets a factor-2 branch draw a 4- or 8-tensor concatenation, records
/// the wrong shape for it and drops the architecture when it fails to run).
enum EinspaceGrammar {
    static let branching2 = ["clone_tensor2", "group_dim2s1d", "group_dim2s2d", "group_dim2s3d"]
    static let branching4 = ["clone_tensor4", "group_dim4s1d", "group_dim4s2d", "group_dim4s3d"]
    static let branching8 = ["clone_tensor8", "group_dim8s1d", "group_dim8s2d", "group_dim8s3d"]
    static let aggregation2 = ["dot_product", "scaled_dot_product", "add_tensors",
                               "cat_tensors1d2t", "cat_tensors2d2t", "cat_tensors3d2t"]
    static let aggregation4 = ["add_tensors", "cat_tensors1d4t", "cat_tensors2d4t", "cat_tensors3d4t"]
    static let aggregation8 = ["add_tensors", "cat_tensors1d8t", "cat_tensors2d8t", "cat_tensors3d8t"]
    static let prerouting = ["identity", "permute21", "permute132", "permute213", "permute231", "permute312", "permute321",
                             "im2col1k1s0p", "im2col1k2s0p", "im2col3k1s1p", "im2col3k2s1p",
                             "im2col4k4s0p", "im2col8k8s0p", "im2col16k16s0p"]
    static let postrouting = ["identity", "permute21", "permute132", "permute213", "permute231", "permute312", "permute321",
                              "col2im"]
    static let computation = ["identity", "linear16", "linear32", "linear64", "linear128", "linear256", "linear512",
                              "linear1024", "linear2048", "norm", "leakyrelu", "softmax", "learnable_positional_encoding"]

    static let modules = """
        "sequential_module" M M | "branching_module" B2 M M A2 | "branching_module" B4 M A4 \
        | "branching_module" B8 M A8 | "routing_module" P M R
        """

    static var text: String {
        func alternatives(_ names: [String]) -> String { names.map { "\"\($0)\"" }.joined(separator: " | ") }
        return """
        NETWORK -> \(modules)
        M -> \(modules) | "computation_module" C
        B2 -> \(alternatives(branching2))
        B4 -> \(alternatives(branching4))
        B8 -> \(alternatives(branching8))
        A2 -> \(alternatives(aggregation2))
        A4 -> \(alternatives(aggregation4))
        A8 -> \(alternatives(aggregation8))
        P -> \(alternatives(prerouting))
        R -> \(alternatives(postrouting))
        C -> \(alternatives(computation))
        """
    }

    static let grammar: ContextFreeGrammar = {
        do { return try ContextFreeGrammar(text: text) } catch { fatalError("built-in einspace grammar: \(error)") }
    }()

    static let notation: FunctionNotation = {
        do { return try FunctionNotation(grammar: grammar) } catch { fatalError("built-in einspace grammar: \(error)") }
    }()

    // MARK: terminal parameters, read from the names as the original's functions define them

    /// `group_dim{splits}s{dim}d`.
    static func groupDim(_ name: String) -> (splits: Int, dim: Int)? {
        guard name.hasPrefix("group_dim"), let s = name.dropFirst(9).split(separator: "s").first,
              let splits = Int(s), let d = name.last(where: \.isNumber).flatMap({ Int(String($0)) }) else { return nil }
        return (splits, d)
    }

    /// `clone_tensor{n}`.
    static func cloneCount(_ name: String) -> Int? {
        name.hasPrefix("clone_tensor") ? Int(name.dropFirst(12)) : nil
    }

    /// `cat_tensors{dim}d{n}t`.
    static func catTensors(_ name: String) -> (dim: Int, tensors: Int)? {
        guard name.hasPrefix("cat_tensors") else { return nil }
        let body = name.dropFirst(11).dropLast()
        let parts = body.split(separator: "d")
        guard parts.count == 2, let dim = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        return (dim, n)
    }

    /// `im2col{k}k{s}s{p}p`: kernel, stride and padding of the unfold.
    static func im2col(_ name: String) -> (kernel: Int, stride: Int, padding: Int)? {
        switch name {
        case "im2col1k1s0p": return (1, 1, 0)
        case "im2col1k2s0p": return (1, 2, 0)
        case "im2col3k1s1p": return (3, 1, 1)
        case "im2col3k2s1p": return (3, 2, 1)
        case "im2col4k4s0p": return (4, 4, 0)
        case "im2col8k8s0p": return (8, 8, 0)
        case "im2col16k16s0p": return (16, 16, 0)
        default: return nil
        }
    }

    /// `permute{dims}`: the permutation of the non-batch axes, 1-based (`permute213` swaps
    /// channels and height), as a full permutation with the batch axis first.
    static func permutation(_ name: String) -> [Int]? {
        guard name.hasPrefix("permute") else { return nil }
        let digits = name.dropFirst(7).compactMap { Int(String($0)) }
        return [0] + digits
    }

    /// `linear{n}`.
    static func linearWidth(_ name: String) -> Int? {
        name.hasPrefix("linear") ? Int(name.dropFirst(6)) : nil
    }
}
