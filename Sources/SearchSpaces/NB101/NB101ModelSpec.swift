/// An arbitrary NAS-Bench-101 specification (square upper-triangular matrix + one operation
/// per vertex), as users and other tools (NASLib's padded 7x7 tuples) write them, before
/// pruning. Mirrors the official `ModelSpec`: vertices not on an input -> output path are
/// removed, and a spec whose input does not reach its output is invalid.
public struct NB101ModelSpec: Sendable, Equatable {
    /// Bound on the matrix size we accept (bit masks of one `UInt32` per row).
    public static let maxVertices = 32

    public let vertexCount: Int
    /// Successor bit mask per vertex.
    public let successors: [UInt32]
    public let operations: [NB101Operation]

    public init(matrix: [[Int]], operations: [NB101Operation]) throws {
        let n = matrix.count
        guard n <= Self.maxVertices else { throw NB101Error.tooManyVertices(n, limit: Self.maxVertices) }
        guard n >= 2 else { throw NB101Error.tooFewVertices(n) }
        guard operations.count == n else {
            throw NB101Error.shapeMismatch("\(operations.count) operations for a \(n)x\(n) matrix")
        }
        var rows = [UInt32](repeating: 0, count: n)
        for (r, row) in matrix.enumerated() {
            guard row.count == n else {
                throw NB101Error.shapeMismatch("row \(r) has \(row.count) entries, the matrix must be \(n)x\(n)")
            }
            for (c, value) in row.enumerated() {
                guard value == 0 || value == 1 else { throw NB101Error.badEntry(row: r, column: c, value: value) }
                if value == 1 {
                    guard c > r else { throw NB101Error.notUpperTriangular(row: r, column: c) }
                    rows[r] |= 1 << UInt32(c)
                }
            }
        }
        self.vertexCount = n
        self.successors = rows
        self.operations = operations
    }

    /// The vertices that are reachable from the input and reach the output, ascending
    /// (empty or a single vertex when the spec is invalid).
    public var keptVertices: [Int] {
        let n = vertexCount
        var fromInput: UInt32 = 1
        for u in 0..<n where fromInput & (1 << UInt32(u)) != 0 { fromInput |= successors[u] }
        var toOutput: UInt32 = 1 << UInt32(n - 1)
        for u in stride(from: n - 1, through: 0, by: -1) where successors[u] & toOutput != 0 {
            toOutput |= 1 << UInt32(u)
        }
        let both = fromInput & toOutput
        return (0..<n).filter { both & (1 << UInt32($0)) != 0 }
    }

    /// `ModelSpec.valid_spec`: at least input and output survive pruning.
    public var isValid: Bool { keptVertices.count >= 2 }

    /// The pruned cell. Throws when the spec is invalid (disconnected) or the pruned graph
    /// is outside the NAS-Bench-101 space (the official API's `is_valid` checks: at most 7
    /// vertices and 9 edges, input first, output last, interior ops from `available_ops`).
    public func pruned() throws -> NB101Cell {
        let kept = keptVertices
        guard kept.count >= 2 else { throw NB101Error.disconnected }
        guard kept.count <= NB101Cell.maxVertices else {
            throw NB101Error.tooManyVertices(kept.count, limit: NB101Cell.maxVertices)
        }
        var rows = [UInt8](repeating: 0, count: kept.count)
        var edges = 0
        for (i, u) in kept.enumerated() {
            for (j, v) in kept.enumerated() where successors[u] & (1 << UInt32(v)) != 0 {
                rows[i] |= 1 << UInt8(j)
                edges += 1
            }
        }
        guard edges <= NB101Cell.maxEdges else { throw NB101Error.tooManyEdges(edges, limit: NB101Cell.maxEdges) }
        let ops = kept.map { operations[$0] }
        for (i, op) in ops.enumerated() {
            let expected: NB101Operation? = i == 0 ? .input : (i == ops.count - 1 ? .output : nil)
            if let expected {
                guard op == expected else {
                    throw NB101Error.badOperation(vertex: kept[i], found: op.name, expected: "'\(expected.name)'")
                }
            } else if op == .input || op == .output {
                throw NB101Error.badOperation(vertex: kept[i], found: op.name,
                                              expected: "one of conv3x3-bn-relu, conv1x1-bn-relu, maxpool3x3")
            }
        }
        return NB101Cell(uncheckedSuccessors: rows, operations: ops)
    }

    /// The cell this spec already is: like `pruned()`, but a vertex that pruning would
    /// remove is an error (`notPruned`, naming the pruned form) instead of being dropped.
    public func cellWithoutPruning() throws -> NB101Cell {
        let kept = keptVertices
        if kept.count >= 2, kept.count < vertexCount {
            let firstRemoved = (0..<vertexCount).first { !kept.contains($0) }!
            let prunedText = (try? pruned()).map { NB101Notation.print($0) } ?? "outside the NAS-Bench-101 space"
            throw NB101Error.notPruned(vertex: firstRemoved, pruned: prunedText)
        }
        return try pruned()
    }
}
