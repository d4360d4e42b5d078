/// One edge of a DARTS cell: intermediate node `i` applies `operation` to state `input`
/// (0 and 1 are the cell's two preprocessed inputs, 2... the earlier intermediate nodes).
public struct DARTSEdge: Hashable, Sendable {
    public var input: Int
    public var operation: DARTSOperation
    public init(input: Int, operation: DARTSOperation) { self.input = input; self.operation = operation }
}

/// A validated DARTS cell: 4 intermediate nodes, each the sum of two operations applied to
/// two distinct earlier states; the cell's output concatenates the 4 nodes. Edge order is kept
/// as written, because it fixes the order of the exported graph's nodes.
public struct DARTSCell: Hashable, Sendable {
    public static let nodeCount = 4
    public static let edgeCount = 2 * nodeCount

    public let edges: [DARTSEdge]

    /// `cell` names the cell in error messages (`normal` or `reduce`).
    public init(edges: [DARTSEdge], cell: String = "normal") throws(DARTSError) {
        guard edges.count == Self.edgeCount else { throw .wrongEdgeCount(cell: cell, found: edges.count) }
        for node in 0..<Self.nodeCount {
            let a = edges[2 * node], b = edges[2 * node + 1]
            for e in [a, b] where !(0...(node + 1)).contains(e.input) {
                throw .inputOutOfRange(cell: cell, node: node, input: e.input)
            }
            if a.input == b.input { throw .repeatedInput(cell: cell, node: node, input: a.input) }
        }
        self.edges = edges
    }

    /// For edges valid by construction (the sampler's).
    init(validEdges: [DARTSEdge]) { edges = validEdges }
}

/// A NAS-Bench-301 architecture: one normal and one reduction cell, shared by all cells of
/// that kind in the network.
public struct DARTSGenotype: Hashable, Sendable {
    public let normal: DARTSCell
    public let reduce: DARTSCell
    public init(normal: DARTSCell, reduce: DARTSCell) { self.normal = normal; self.reduce = reduce }

    /// The nodes every NB301 cell concatenates.
    public static let concat = [2, 3, 4, 5]
}
