/// A cell in 34 bits, for compact tables (an index of the whole space, embedded labels):
///
/// - bits 0-2: vertex count (2...7);
/// - bits 3-23: edge x -> y at bit `3 + x + y(y-1)/2` (the official `gen_is_edge_fn` order);
/// - bits 24-33: the interior vertices' operations, 2 bits each from vertex 1, holding the
///   module-hash label (0 conv3x3-bn-relu, 1 conv1x1-bn-relu, 2 maxpool3x3).
extension NB101Cell {
    public var packed: UInt64 {
        let n = vertexCount
        var value = UInt64(n)
        for y in 1..<n {
            for x in 0..<y where hasEdge(from: x, to: y) { value |= 1 << UInt64(3 + x + y * (y - 1) / 2) }
        }
        for v in 1..<max(1, n - 1) { value |= UInt64(operation(at: v).hashLabel) << UInt64(24 + 2 * (v - 1)) }
        return value
    }

    /// Unpacks and validates (the cell must be pruned and in the space).
    public init(packed: UInt64) throws {
        try self.init(packed: packed, knownHash: nil)
    }

    init(packed: UInt64, knownHash: MD5Digest?) throws {
        let n = Int(packed & 7)
        guard n >= 2 else { throw NB101Error.tooFewVertices(n) }
        guard packed >> 34 == 0 else { throw NB101Error.shapeMismatch("packed cell has bits set above bit 33") }
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        for y in 1..<n {
            for x in 0..<y where packed >> UInt64(3 + x + y * (y - 1) / 2) & 1 == 1 { matrix[x][y] = 1 }
        }
        let highestEdgeBit = 3 + (n - 1) * n / 2
        guard (packed >> UInt64(highestEdgeBit)) & ((1 << UInt64(24 - highestEdgeBit)) - 1) == 0 else {
            throw NB101Error.shapeMismatch("packed cell has edges beyond its \(n) vertices")
        }
        var ops: [NB101Operation] = [.input]
        for v in 1..<(n - 1) {
            let label = Int(packed >> UInt64(24 + 2 * (v - 1)) & 3)
            guard label < 3 else { throw NB101Error.shapeMismatch("packed cell has operation code 3 at vertex \(v)") }
            ops.append(NB101Operation.interior[label])
        }
        guard packed >> UInt64(24 + 2 * max(0, n - 2)) == 0 else {
            throw NB101Error.shapeMismatch("packed cell has operations beyond its \(n - 2) interior vertices")
        }
        ops.append(.output)
        if let knownHash {
            // Internal tables hold only enumerated cells: skip re-validation and re-hashing.
            let rows = matrix.map { row in row.enumerated().reduce(UInt8(0)) { $0 | UInt8($1.element) << UInt8($1.offset) } }
            self.init(uncheckedSuccessors: rows, operations: ops, hash: knownHash)
        } else {
            self = try NB101Cell(matrix: matrix, operations: ops)
        }
    }
}
