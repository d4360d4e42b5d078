/// Why a NAS-Bench-101 cell, spec or notation was rejected. Messages say what and where.
public enum NB101Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// The matrix is not square, or its size differs from the number of operations.
    case shapeMismatch(String)
    /// More vertices than the cell type (7) or the spec type (32) allows.
    case tooManyVertices(Int, limit: Int)
    /// Fewer than two vertices.
    case tooFewVertices(Int)
    /// An entry on or below the diagonal is set, or an entry is neither 0 nor 1.
    case notUpperTriangular(row: Int, column: Int)
    case badEntry(row: Int, column: Int, value: Int)
    /// The first vertex must be `input`, the last `output`, the others interior operations.
    case badOperation(vertex: Int, found: String, expected: String)
    /// No path from input to output: the official `ModelSpec` marks such specs invalid.
    case disconnected
    /// More than 9 edges after pruning (outside the benchmark's space).
    case tooManyEdges(Int, limit: Int)
    /// A cell must be given already pruned; the message shows the pruned form.
    case notPruned(vertex: Int, pruned: String)
    /// Notation syntax error at a character offset.
    case syntax(String, offset: Int)

    public var description: String {
        switch self {
        case .shapeMismatch(let what): return "NB101: \(what)"
        case .tooManyVertices(let n, let limit): return "NB101: \(n) vertices, at most \(limit) allowed"
        case .tooFewVertices(let n): return "NB101: \(n) vertices, at least 2 (input and output) needed"
        case .notUpperTriangular(let r, let c):
            return "NB101: matrix entry [\(r)][\(c)] is set but the matrix must be strictly upper-triangular"
        case .badEntry(let r, let c, let v): return "NB101: matrix entry [\(r)][\(c)] is \(v), expected 0 or 1"
        case .badOperation(let v, let found, let expected):
            return "NB101: vertex \(v) has operation '\(found)', expected \(expected)"
        case .disconnected: return "NB101: invalid spec, the input is not connected to the output"
        case .tooManyEdges(let n, let limit): return "NB101: \(n) edges, at most \(limit) in the NAS-Bench-101 space"
        case .notPruned(let v, let pruned):
            return "NB101: vertex \(v) is not on a path from input to output; the pruned cell is \(pruned)"
        case .syntax(let message, let offset): return "NB101 notation, offset \(offset): \(message)"
        }
    }
}
