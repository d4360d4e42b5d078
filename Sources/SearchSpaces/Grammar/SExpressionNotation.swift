/// The string form NePS (the library behind hierarchical NAS-Bench-201) samples, stores and
/// rebuilds architectures from: every node is `(LHS terminal ... (child) ...)`, symbols
/// separated by one space, e.g. `(OPS Linear1 (CONVBLOCK Linear3 (ACT relu) (CONV conv3x3o) (NORM batch)))`.
public struct SExpressionNotation: Sendable {
    public let grammar: ContextFreeGrammar
    /// Nesting beyond this is rejected instead of recursing without bound.
    public var maxNesting = 256
    public var maxLength = 1 << 24

    public init(grammar: ContextFreeGrammar) { self.grammar = grammar }

    public func print(_ derivation: Derivation) -> String {
        var out = ""
        write(derivation, into: &out)
        return out
    }

    private func write(_ d: Derivation, into out: inout String) {
        let p = grammar.productions[d.production]
        out += "(" + p.lhs
        var child = 0
        for symbol in p.rhs {
            out += " "
            if symbol.isTerminal {
                out += symbol.name
            } else {
                write(d.children[child], into: &out)
                child += 1
            }
        }
        out += ")"
    }

    /// Reads a derivation of the start symbol. Whitespace between symbols is free; anything
    /// else must match a production exactly.
    public func parse(_ text: String) throws(DerivationError) -> Derivation {
        let bytes = Array(text.utf8)
        guard bytes.count <= maxLength else { throw DerivationError("derivation string longer than \(maxLength) bytes") }
        var reader = DerivationReader(bytes: bytes)
        let tree = try node(&reader, expected: grammar.start, nesting: 0, path: [])
        reader.skipSpace()
        guard reader.atEnd else { throw DerivationError("unexpected text after the derivation", offset: reader.position) }
        return tree
    }

    private func node(_ r: inout DerivationReader, expected: String, nesting: Int, path: [String]) throws(DerivationError) -> Derivation {
        guard nesting < maxNesting else { throw DerivationError("nesting deeper than \(maxNesting)", path: path, offset: r.position) }
        r.skipSpace()
        let open = r.position
        guard r.consume(UInt8(ascii: "(")) else { throw DerivationError("expected `(` to open \(expected)", path: path, offset: open) }
        r.skipSpace()
        let lhsOffset = r.position
        guard let lhs = r.word() else { throw DerivationError("expected a nonterminal after `(`", path: path, offset: lhsOffset) }
        guard lhs == expected else {
            throw DerivationError("found \(lhs) where \(expected) is expected", path: path, offset: lhsOffset)
        }
        enum Item { case terminal(String, Int), child(Derivation) }
        var items: [Item] = []
        while true {
            r.skipSpace()
            if r.consume(UInt8(ascii: ")")) { break }
            if r.atEnd { throw DerivationError("missing `)` for \(lhs) opened here", path: path, offset: open) }
            if r.peek == UInt8(ascii: "(") {
                // The child's nonterminal is checked against the production once all items are read.
                let save = r
                r.position += 1
                r.skipSpace()
                guard let childLHS = r.word(), grammar.isNonterminal(childLHS) else {
                    throw DerivationError("expected a nonterminal after `(`", path: path, offset: save.position + 1)
                }
                r = save
                items.append(.child(try node(&r, expected: childLHS, nesting: nesting + 1,
                                             path: path + ["\(lhs)[\(items.count)]"])))
            } else {
                let at = r.position
                guard let word = r.word() else { throw DerivationError("unexpected character", path: path, offset: at) }
                items.append(.terminal(word, at))
            }
        }
        for index in grammar.alternatives(of: lhs) {
            let p = grammar.productions[index]
            guard p.rhs.count == items.count else { continue }
            var children: [Derivation] = []
            var matches = true
            for (symbol, item) in zip(p.rhs, items) {
                switch item {
                case .terminal(let word, _): matches = symbol.isTerminal && symbol.name == word
                case .child(let d):
                    matches = !symbol.isTerminal && grammar.productions[d.production].lhs == symbol.name
                    children.append(d)
                }
                if !matches { break }
            }
            if matches { return Derivation(production: index, children: children) }
        }
        let shown = items.map { item -> String in
            switch item {
            case .terminal(let w, _): return w
            case .child(let d): return "(" + grammar.productions[d.production].lhs + " ...)"
            }
        }
        let known = grammar.alternatives(of: lhs).map { "`\(grammar.productions[$0])`" }.joined(separator: ", ")
        throw DerivationError("no production matches `(\(([lhs] + shown).joined(separator: " ")))`; \(lhs) has \(known)",
                              path: path, offset: open)
    }
}
