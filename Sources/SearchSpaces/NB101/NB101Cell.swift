/// One cell ("module") of the NAS-Bench-101 space: a pruned DAG of 2...7 vertices with at
/// most 9 edges, vertex 0 the input, the last vertex the output, interior vertices labelled
/// with one of three operations. Every vertex lies on an input -> output path (the official
/// `ModelSpec` pruning has been applied), so the cell is exactly what the benchmark trained.
///
/// Stored compactly (no arrays) because the enumeration creates 423,624 of them.
public struct NB101Cell: Hashable, Sendable, CustomStringConvertible {
    public static let maxVertices = 7
    public static let maxEdges = 9

    /// Number of vertices including input and output.
    public let vertexCount: Int
    /// Byte `v` holds the successors of vertex `v` (bit `w` = edge v -> w).
    let successorRows: UInt64
    /// 3 bits per vertex: `NB101Operation.rawValue`.
    let operationCodes: UInt32
    /// The official module hash (`ModelSpec.hash_spec`), the benchmark's key for this cell.
    public let hash: MD5Digest

    /// Builds a cell from a matrix that is already pruned. Use `NB101ModelSpec` to prune an
    /// arbitrary (e.g. 7x7 padded) matrix first.
    public init(matrix: [[Int]], operations: [NB101Operation]) throws {
        self = try NB101ModelSpec(matrix: matrix, operations: operations).cellWithoutPruning()
    }

    /// Internal: from rows already known to be pruned and in the space.
    init(uncheckedSuccessors rows: [UInt8], operations: [NB101Operation], hash: MD5Digest? = nil) {
        var packedRows: UInt64 = 0
        var packedOps: UInt32 = 0
        for (v, row) in rows.enumerated() { packedRows |= UInt64(row) << UInt64(8 * v) }
        for (v, op) in operations.enumerated() { packedOps |= UInt32(op.rawValue) << UInt32(3 * v) }
        self.init(vertexCount: rows.count, successorRows: packedRows, operationCodes: packedOps, hash: hash)
    }

    init(vertexCount: Int, successorRows: UInt64, operationCodes: UInt32, hash: MD5Digest? = nil) {
        self.vertexCount = vertexCount
        self.successorRows = successorRows
        self.operationCodes = operationCodes
        if let hash {
            self.hash = hash
        } else {
            let rows = (0..<vertexCount).map { UInt8(truncatingIfNeeded: successorRows >> UInt64(8 * $0)) }
            let labels = (0..<vertexCount).map {
                NB101Operation(rawValue: UInt8((operationCodes >> UInt32(3 * $0)) & 7))!.hashLabel
            }
            self.hash = NB101ModuleHash.compute(successors: rows, labels: labels)
        }
    }

    /// Successor bit mask of vertex `v`.
    @inline(__always)
    public func successors(of v: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: successorRows >> UInt64(8 * v))
    }

    /// Predecessor bit mask of vertex `v`.
    public func predecessors(of v: Int) -> UInt8 {
        var mask: UInt8 = 0
        for u in 0..<v where hasEdge(from: u, to: v) { mask |= 1 << UInt8(u) }
        return mask
    }

    @inline(__always)
    public func hasEdge(from u: Int, to v: Int) -> Bool {
        u >= 0 && u < vertexCount && v >= 0 && v < vertexCount && successors(of: u) & (1 << UInt8(v)) != 0
    }

    @inline(__always)
    public func operation(at v: Int) -> NB101Operation {
        NB101Operation(rawValue: UInt8((operationCodes >> UInt32(3 * v)) & 7))!
    }

    public var operations: [NB101Operation] { (0..<vertexCount).map { operation(at: $0) } }

    /// The adjacency matrix as 0/1 rows (the official `ModelSpec.matrix` after pruning).
    public var matrix: [[Int]] {
        (0..<vertexCount).map { u in (0..<vertexCount).map { v in hasEdge(from: u, to: v) ? 1 : 0 } }
    }

    public var edgeCount: Int {
        (0..<vertexCount).reduce(0) { $0 + successors(of: $1).nonzeroBitCount }
    }

    /// The native notation (see `NB101Notation`).
    public var description: String { NB101Notation.print(self) }

    /// Parses the native notation; the cell must be pruned and in the space.
    public init(notation: String) throws {
        self = try NB101Notation.parse(notation)
    }
}
