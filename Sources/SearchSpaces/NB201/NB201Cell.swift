/// A NAS-Bench-201 cell: four nodes, node 0 the cell input, node 3 the output, and one
/// operation on each of the six edges `j -> i` (j < i). Node `i` is the sum of its incoming
/// edges, added in the order of the architecture string.
public struct NB201Cell: Hashable, Sendable, CustomStringConvertible {
    /// The edges in architecture-string order: `(node, input)` = 1<-0, 2<-0, 2<-1, 3<-0, 3<-1, 3<-2.
    public static let edges: [(node: Int, input: Int)] = [(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)]
    /// 5^6 cells.
    public static let count = 15_625

    /// One operation per edge, in `edges` order.
    public let operations: [NB201Operation]

    public init(operations: [NB201Operation]) throws {
        guard operations.count == Self.edges.count else {
            throw SearchSpaceError(space: NB201Space.id, "a cell has 6 edges, got \(operations.count) operations")
        }
        self.operations = operations
    }

    /// The cell of an architecture string such as `|nor_conv_3x3~0|+|none~0|skip_connect~1|+|...|`.
    public init(parsing notation: String) throws {
        self = try NB201Notation.parse(notation)
    }

    public var notation: String { NB201Notation.print(self) }
    public var description: String { notation }

    // MARK: NASLib keys

    /// NASLib lists the edges as (1,2), (1,3), (1,4), (2,3), (2,4), (3,4) with nodes numbered
    /// from 1: string positions 0, 1, 3, 2, 4, 5.
    static let naslibEdgeToStringPosition = [0, 1, 3, 2, 4, 5]

    /// The cell of a NASLib key: six indices into `NB201Operation.naslibOrder`.
    public init(naslibOpIndices: [Int]) throws {
        guard naslibOpIndices.count == 6 else {
            throw SearchSpaceError(space: NB201Space.id, "a NASLib key has 6 operation indices, got \(naslibOpIndices.count)")
        }
        var ops = [NB201Operation](repeating: .none, count: 6)
        for (k, index) in naslibOpIndices.enumerated() {
            guard NB201Operation.naslibOrder.indices.contains(index) else {
                throw SearchSpaceError(space: NB201Space.id, "NASLib operation index \(index) is outside 0...4")
            }
            ops[Self.naslibEdgeToStringPosition[k]] = NB201Operation.naslibOrder[index]
        }
        self.operations = ops
    }

    /// The NASLib key of this cell (see `init(naslibOpIndices:)`).
    public var naslibOpIndices: [Int] {
        Self.naslibEdgeToStringPosition.map { operations[$0].naslibIndex }
    }

    // MARK: generation order

    /// Position in the official generation order (before the benchmark's shuffle): the
    /// operations read as a base-5 number, first edge most significant (`CellStructure.gen_all`).
    var generationCode: Int {
        operations.reduce(0) { $0 * 5 + $1.rawValue }
    }

    init(generationCode: Int) {
        var ops = [NB201Operation](repeating: .none, count: 6)
        var code = generationCode
        for k in stride(from: 5, through: 0, by: -1) {
            ops[k] = NB201Operation(rawValue: code % 5)!
            code /= 5
        }
        operations = ops
    }

    /// The operations feeding `node` (1...3) with their input nodes, in string order.
    func incomingEdges(of node: Int) -> [(edge: Int, input: Int, operation: NB201Operation)] {
        Self.edges.indices.compactMap { e in
            Self.edges[e].node == node ? (e, Self.edges[e].input, operations[e]) : nil
        }
    }
}
