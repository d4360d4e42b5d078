/// NASLib's NB101 keys: 56 integers, the 7x7 adjacency matrix row-major then 7 op codes into
/// `[input, output, maxpool3x3, conv1x1-bn-relu, conv3x3-bn-relu]`. NASLib keeps the raw 7x7
/// specification: a cell with fewer vertices is "padded" with vertices that are not on an
/// input -> output path (no in-edge or no path to the output), which the official pruning
/// removes. So a key maps to a cell through `NB101ModelSpec.pruned()`.
extension NB101ModelSpec {
    public init(naslibKey key: [Int]) throws {
        let n = NB101Cell.maxVertices
        guard key.count == n * n + n else {
            throw NB101Error.shapeMismatch("a NASLib key has \(n * n + n) integers, got \(key.count)")
        }
        let matrix = (0..<n).map { Array(key[($0 * n)..<($0 * n + n)]) }
        var ops: [NB101Operation] = []
        for (v, code) in key[(n * n)...].enumerated() {
            guard code >= 0 && code < NB101Operation.naslibOrder.count else {
                throw NB101Error.badOperation(vertex: v, found: String(code), expected: "a code 0...4")
            }
            ops.append(NB101Operation.naslibOrder[code])
        }
        try self.init(matrix: matrix, operations: ops)
    }

    /// Parses the key as printed in NASLib's JSON files: `"(0, 1, 1, ..., 1)"`.
    public init(naslibKeyText text: String) throws {
        guard text.utf8.count <= 1024 else { throw NB101Error.syntax("NASLib key text is too long", offset: 0) }
        var numbers: [Int] = []
        var current: Int?
        for (offset, c) in text.utf8.enumerated() {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                current = (current ?? 0) * 10 + Int(c - UInt8(ascii: "0"))
                if current! > 1_000 { throw NB101Error.syntax("number too large in NASLib key", offset: offset) }
            case UInt8(ascii: ","), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"),
                 UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"):
                if let value = current { numbers.append(value) }
                current = nil
            default:
                throw NB101Error.syntax("unexpected character in NASLib key, expected digits and commas", offset: offset)
            }
        }
        if let value = current { numbers.append(value) }
        try self.init(naslibKey: numbers)
    }
}
