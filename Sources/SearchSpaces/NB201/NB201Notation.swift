/// The architecture strings of NAS-Bench-201 (and the NATS-Bench topology space):
///
///     |op~0|+|op~0|op~1|+|op~0|op~1|op~2|
///
/// Group `i` (separated by `+`) lists the edges into node `i`, as `operation~input`, inputs in
/// increasing order. The order matters beyond notation: it is the order in which the
/// benchmark's network adds the edges up, so the parser insists on it.
public enum NB201Notation {
    /// Longest accepted text (the longest valid string has 113 characters).
    static let maxLength = 512

    public static func print(_ cell: NB201Cell) -> String {
        var text = ""
        for node in 1...3 {
            if node > 1 { text += "+" }
            text += "|"
            for edge in cell.incomingEdges(of: node) { text += "\(edge.operation.name)~\(edge.input)|" }
        }
        return text
    }

    /// The text without leading and trailing spaces, tabs and line breaks.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }

    public static func parse(_ text: String) throws -> NB201Cell {
        func fail(_ message: String) -> SearchSpaceError { SearchSpaceError(space: NB201Space.id, message) }
        guard text.utf8.count <= maxLength else {
            throw fail("architecture string of \(text.utf8.count) bytes is too long (at most \(maxLength))")
        }
        let trimmed = trimmed(text)
        guard !trimmed.isEmpty else {
            throw fail("empty architecture string; expected |op~0|+|op~0|op~1|+|op~0|op~1|op~2|")
        }
        let groups = trimmed.split(separator: "+", omittingEmptySubsequences: false)
        guard groups.count == 3 else {
            throw fail("expected 3 nodes separated by '+', found \(groups.count) in '\(trimmed)'")
        }
        var operations: [NB201Operation] = []
        for (g, group) in groups.enumerated() {
            let node = g + 1
            guard group.first == "|", group.last == "|", group.count >= 2 else {
                throw fail("node \(node): '\(group)' must start and end with '|'")
            }
            let items = group.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false)
            guard items.count == node else {
                throw fail("node \(node) needs \(node) incoming edge(s) (inputs 0...\(node - 1)), found \(items.count) in '\(group)'")
            }
            for (input, item) in items.enumerated() {
                let parts = item.split(separator: "~", omittingEmptySubsequences: false)
                guard parts.count == 2 else {
                    throw fail("node \(node): edge '\(item)' must read operation~input")
                }
                guard let op = NB201Operation(name: String(parts[0])) else {
                    let known = NB201Operation.allCases.map(\.name).joined(separator: ", ")
                    throw fail("node \(node): unknown operation '\(parts[0])' (known: \(known))")
                }
                guard let source = Int(parts[1]), source == input else {
                    throw fail("node \(node): edge '\(item)' should read from node \(input) (edges are listed by input, 0 first)")
                }
                operations.append(op)
            }
        }
        return try NB201Cell(operations: operations)
    }
}
