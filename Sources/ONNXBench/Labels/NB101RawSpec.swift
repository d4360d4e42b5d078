/// A NAS-Bench-101 cell as NASLib writes it: the 7x7 adjacency matrix (row-major,
/// upper-triangular) and one op per vertex, **before** the official `ModelSpec` pruning.
/// Many of NASLib's matrices contain vertices that are not on an input -> output path (and
/// so have more than 9 edges); the trained network is the pruned one, so prune before
/// building or hashing. Kept free of the SearchSpaces cell type on purpose: this is the
/// source's form, in neutral terms (0/1 rows and the official op names).
public struct NB101RawSpec: Hashable, Sendable {
    public static let vertexCount = 7
    /// NASLib's op codes: index into this list (official op names).
    public static let naslibOperations = ["input", "output", "maxpool3x3", "conv1x1-bn-relu", "conv3x3-bn-relu"]

    /// `matrix[i][j] == 1` means an edge from vertex i to vertex j.
    public let matrix: [[Int]]
    /// Official op names, one per vertex.
    public let operations: [String]

    init(matrixBits: [UInt8], naslibOpCodes: [UInt8]) {
        let n = Self.vertexCount
        matrix = (0..<n).map { r in (0..<n).map { c in Int(matrixBits[r * n + c]) } }
        operations = naslibOpCodes.map { Self.naslibOperations[Int($0)] }
    }

    /// Parses NASLib's key, the Python tuple text `(a00, a01, ..., a66, op0, ..., op6)`.
    public init(naslibKey: String) throws(NASLibKeyError) {
        let n = Self.vertexCount
        let text = naslibKey.utf8
        guard text.first == UInt8(ascii: "("), text.last == UInt8(ascii: ")") else {
            throw NASLibKeyError(key: naslibKey, reason: "not a parenthesised tuple")
        }
        let body = naslibKey.dropFirst().dropLast()
        let fields = body.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count == n * n + n else {
            throw NASLibKeyError(key: naslibKey, reason: "\(fields.count) entries, expected \(n * n + n)")
        }
        var values: [Int] = []
        for (i, field) in fields.enumerated() {
            guard let v = Int(field.trimmingCharacters(in: " ")) else {
                throw NASLibKeyError(key: naslibKey, reason: "entry \(i) '\(field)' is not an integer")
            }
            let limit = i < n * n ? 2 : Self.naslibOperations.count
            guard (0..<limit).contains(v) else {
                throw NASLibKeyError(key: naslibKey, reason: "entry \(i) is \(v), expected 0..<\(limit)")
            }
            values.append(v)
        }
        self.init(matrixBits: values[..<(n * n)].map { UInt8($0) }, naslibOpCodes: values[(n * n)...].map { UInt8($0) })
    }

    /// NASLib's key text, exactly as in its JSON files.
    public var naslibKey: String {
        let codes = operations.map { Self.naslibOperations.firstIndex(of: $0)! }
        return "(" + (matrix.joined() + codes).map(String.init).joined(separator: ", ") + ")"
    }
}

/// A NASLib NB101 key that cannot be parsed.
public struct NASLibKeyError: Error, Equatable, Sendable, CustomStringConvertible {
    public let key: String
    public let reason: String

    public var description: String { "NASLib NB101 key \(key.prefix(80)): \(reason)" }
}

private extension Substring {
    func trimmingCharacters(in set: Character) -> Substring {
        var s = self
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return s
    }
}
