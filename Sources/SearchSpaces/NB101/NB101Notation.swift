/// The native text notation of a NAS-Bench-101 cell:
///
///     ROWS:OPS        e.g.  11111.0001.001.10.1:mm33
///
/// - `ROWS`: the strict upper triangle of the adjacency matrix, row by row, rows separated
///   by `.`; row `i` lists the edges `i -> i+1 ... V-1` as `0`/`1`, so a cell of `V`
///   vertices has `V-1` rows of lengths `V-1, V-2, ..., 1`.
/// - `OPS`: one character per interior vertex `1 ... V-2`: `3` conv3x3-bn-relu,
///   `1` conv1x1-bn-relu, `m` maxpool3x3 (input and output are implicit).
///
/// The smallest cell, input wired straight to output, is `1:`. The notation describes a
/// pruned cell, so the parser rejects vertices that are not on an input -> output path and
/// names the pruned form. `print(parse(s)) == s` for every accepted `s` without surrounding
/// whitespace.
public enum NB101Notation {
    /// Longest text the parser looks at (a 7-vertex cell needs 27 characters).
    static let maxLength = 256

    public static func print(_ cell: NB101Cell) -> String {
        let n = cell.vertexCount
        var text = ""
        for u in 0..<(n - 1) {
            if u > 0 { text += "." }
            for v in (u + 1)..<n { text += cell.hasEdge(from: u, to: v) ? "1" : "0" }
        }
        text += ":"
        for v in 1..<(n - 1) { text.append(cell.operation(at: v).notationCode!) }
        return text
    }

    public static func parse(_ text: String) throws -> NB101Cell {
        try parseSpec(text).cellWithoutPruning()
    }

    /// Parses the notation without requiring a pruned cell (the result may be invalid).
    public static func parseSpec(_ text: String) throws -> NB101ModelSpec {
        let all = Array(text.utf8)
        guard all.count <= maxLength else {
            throw NB101Error.syntax("text of \(all.count) bytes is too long for a cell", offset: 0)
        }
        var start = 0, end = all.count
        while start < end, isSpace(all[start]) { start += 1 }
        while end > start, isSpace(all[end - 1]) { end -= 1 }
        guard start < end else { throw NB101Error.syntax("empty cell notation, expected ROWS:OPS like 1.1:3", offset: 0) }
        guard let colon = all[start..<end].firstIndex(of: UInt8(ascii: ":")) else {
            throw NB101Error.syntax("missing ':' between the adjacency rows and the operations (ROWS:OPS)", offset: end)
        }
        // Rows.
        var rows: [[UInt8]] = [[]]
        var rowStarts = [start]
        for i in start..<colon {
            let c = all[i]
            switch c {
            case UInt8(ascii: "0"), UInt8(ascii: "1"): rows[rows.count - 1].append(c - UInt8(ascii: "0"))
            case UInt8(ascii: "."): rows.append([]); rowStarts.append(i + 1)
            default: throw NB101Error.syntax("unexpected '\(character(c))' in the adjacency rows, expected 0, 1 or '.'", offset: i)
            }
        }
        let n = rows.count + 1
        guard n <= NB101Cell.maxVertices else { throw NB101Error.tooManyVertices(n, limit: NB101Cell.maxVertices) }
        for (i, row) in rows.enumerated() where row.count != n - 1 - i {
            throw NB101Error.syntax("row \(i) has \(row.count) entries; with \(rows.count) rows (\(n) vertices) it needs \(n - 1 - i)",
                                    offset: rowStarts[i])
        }
        // Operations.
        var ops: [NB101Operation] = [.input]
        for i in (colon + 1)..<end {
            let c = all[i]
            guard let op = NB101Operation.interior.first(where: { $0.notationCode == Character(Unicode.Scalar(c)) }) else {
                throw NB101Error.syntax("unknown operation '\(character(c))', expected 3 (conv3x3-bn-relu), 1 (conv1x1-bn-relu) or m (maxpool3x3)",
                                        offset: i)
            }
            ops.append(op)
        }
        guard ops.count - 1 == n - 2 else {
            throw NB101Error.syntax("\(ops.count - 1) operations for \(n - 2) interior vertices", offset: colon + 1)
        }
        ops.append(.output)
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        for (u, row) in rows.enumerated() {
            for (k, bit) in row.enumerated() { matrix[u][u + 1 + k] = Int(bit) }
        }
        return try NB101ModelSpec(matrix: matrix, operations: ops)
    }

    private static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
    }

    private static func character(_ c: UInt8) -> String {
        c >= 0x20 && c < 0x7F ? String(Character(Unicode.Scalar(c))) : "\\u{\(String(c, radix: 16))}"
    }
}
