/// Why a DARTS genotype or its notation was rejected. Messages say what and where (cell,
/// node, character offset).
public enum DARTSError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Notation syntax error at a character offset.
    case syntax(String, offset: Int)
    /// A cell does not list exactly 8 edges (2 for each of its 4 intermediate nodes).
    case wrongEdgeCount(cell: String, found: Int)
    /// An edge of intermediate node `node` (0-based) reads a state that does not exist yet.
    case inputOutOfRange(cell: String, node: Int, input: Int)
    /// Both edges of a node read the same state (NB301 nodes take two distinct inputs).
    case repeatedInput(cell: String, node: Int, input: Int)
    /// An operation name or index outside the seven NB301 operations.
    case unknownOperation(String, offset: Int)
    /// The NB301 network concatenates the four intermediate nodes, `[2, 3, 4, 5]`.
    case unsupportedConcat(cell: String, found: [Int])

    public var description: String {
        switch self {
        case .syntax(let what, let offset):
            return "DARTS genotype: \(what) (at character \(offset))"
        case .wrongEdgeCount(let cell, let n):
            return "DARTS genotype: the \(cell) cell lists \(n) edges; it needs 8, two for each of its 4 intermediate nodes"
        case .inputOutOfRange(let cell, let node, let input):
            return "DARTS genotype: node \(node + 2) of the \(cell) cell reads state \(input), but only states 0...\(node + 1) exist before it"
        case .repeatedInput(let cell, let node, let input):
            return "DARTS genotype: node \(node + 2) of the \(cell) cell reads state \(input) twice; each node takes two distinct inputs"
        case .unknownOperation(let what, let offset):
            let names = DARTSOperation.allCases.map { "\($0.rawValue)=\($0.genotypeName)" }.joined(separator: ", ")
            return "DARTS genotype: unknown operation \(what) (at character \(offset)); known: \(names)"
        case .unsupportedConcat(let cell, let found):
            return "DARTS genotype: \(cell)_concat is \(found); the NB301 network concatenates nodes [2, 3, 4, 5]"
        }
    }
}
