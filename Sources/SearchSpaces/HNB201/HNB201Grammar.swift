/// The hierarchical NAS-Bench-201 grammar ("variable_multi_multi" of
/// automl/hierarchical_nas_construction): the macro level (`macro.cfg`: three stages of cells
/// with two ResNet down-sampling blocks on every path), the cell level (`cell_flexible.cfg`:
/// the NAS-Bench-201 cell whose six edges are identity, zero, a convolution block or average
/// pooling) and the convolution blocks (`conv_block.cfg`: activation, convolution,
/// normalisation). The files are concatenated with repeated lines dropped, as the original does
/// before handing them to NLTK; the convolution-block alternative of OPS is listed twice there,
/// so it is drawn with probability 2/5.
enum HNB201Grammar {
    static let text = """
    D2 -> "Linear3" D1 D1 D0 | "Linear3" D0 D1 D1 | "Linear4" D1 D1 D0 D0
    D1 -> "Linear3" C C DOWN | "Linear4" C C C DOWN | "Residual3" C C DOWN DOWN
    D0 -> "Linear3" C C CELL | "Linear4" C C C CELL | "Residual3" C C CELL CELL
    DOWN -> "Linear2" CELL "resBlock" | "Linear3" CELL CELL "resBlock" | "Residual2" CELL "resBlock" "resBlock"
    C -> "Linear2" CELL CELL | "Linear3" CELL CELL CELL | "Residual2" CELL CELL CELL
    CELL -> "Cell" OPS OPS OPS OPS OPS OPS
    OPS -> "id" | "zero" | "Linear1" CONVBLOCK | "Linear1" CONVBLOCK | "avg_pool"
    CONVBLOCK -> "Linear3" ACT CONV NORM
    CONV -> "conv3x3o" | "conv1x1o" | "dconv3x3o"
    NORM -> "batch" | "instance" | "layer"
    ACT -> "relu" | "hardswish" | "mish"
    """

    static let grammar: ContextFreeGrammar = {
        do { return try ContextFreeGrammar(text: text) } catch { fatalError("built-in hNB201 grammar: \(error)") }
    }()

    /// The terminal that removes an edge (NePS prunes edges whose operation is `zero`).
    static let zero = "zero"

    /// Edge lists of the topologies, in the order their edges take the production's arguments
    /// (NePS `LinearNEdge`, `Residual`, `Diamond`, and the space's `Residual3`, `Diamond3`,
    /// `NASBench201Cell`). Node 1 is the input, the highest node the output.
    static let topologies: [String: [(Int, Int)]] = [
        "Linear1": linear(1), "Linear2": linear(2), "Linear3": linear(3), "Linear4": linear(4),
        "Residual2": [(1, 2), (1, 3), (2, 3)],
        "Residual3": [(1, 2), (2, 3), (1, 4), (3, 4)],
        "Diamond2": [(1, 2), (1, 3), (2, 4), (3, 4)],
        "Diamond3": [(1, 2), (1, 3), (2, 4), (3, 5), (4, 6), (5, 6)],
        "Cell": [(1, 2), (1, 3), (2, 3), (1, 4), (2, 4), (3, 4)],
    ]

    private static func linear(_ n: Int) -> [(Int, Int)] { (1...n).map { ($0, $0 + 1) } }

    /// Whether `sink` can be reached from `source` over `edges`.
    static func connects(_ edges: [(Int, Int)], from source: Int, to sink: Int) -> Bool {
        var reached: Set<Int> = [source]
        var changed = true
        while changed {
            changed = false
            for (u, v) in edges where reached.contains(u) && !reached.contains(v) {
                reached.insert(v)
                changed = true
            }
        }
        return reached.contains(sink)
    }
}
