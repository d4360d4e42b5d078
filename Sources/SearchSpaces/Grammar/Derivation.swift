/// A derivation (parse) tree: the production applied at this node and one child derivation
/// per nonterminal of its right-hand side, in order. Terminals are implied by the production.
public struct Derivation: Hashable, Sendable {
    /// Index into `ContextFreeGrammar.productions`.
    public var production: Int
    public var children: [Derivation]

    public init(production: Int, children: [Derivation] = []) {
        self.production = production
        self.children = children
    }

    /// Number of nodes (productions applied).
    public var size: Int { children.reduce(1) { $0 + $1.size } }

    /// Longest path from this node to a leaf, counted in nodes.
    public var depth: Int { 1 + (children.map(\.depth).max() ?? 0) }

    /// Checks that every production exists, rewrites the nonterminal its parent expects, and
    /// has one child per nonterminal; the root must rewrite `expected` (the start symbol by
    /// default). Errors name the offending production and its place in the tree.
    public func validateStructure(in grammar: ContextFreeGrammar, expected: String? = nil) throws(DerivationError) {
        try check(grammar, expected: expected ?? grammar.start, path: [])
    }

    private func check(_ grammar: ContextFreeGrammar, expected: String, path: [String]) throws(DerivationError) {
        guard grammar.productions.indices.contains(production) else {
            throw DerivationError("unknown production #\(production)", path: path)
        }
        let p = grammar.productions[production]
        guard p.lhs == expected else {
            throw DerivationError("`\(p)` used where \(expected) is expected", path: path)
        }
        let wanted = p.nonterminals
        guard wanted.count == children.count else {
            throw DerivationError("`\(p)` needs \(wanted.count) children, got \(children.count)", path: path)
        }
        for (i, child) in children.enumerated() {
            try child.check(grammar, expected: wanted[i], path: path + ["\(p.lhs)[\(i)]"])
        }
    }
}

/// A derivation string that cannot be read, or a derivation that the grammar or the space's
/// rules reject. `path` locates the node (`NETWORK[1] > M[0] > ...`), `offset` the character.
public struct DerivationError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public let path: [String]
    public let offset: Int?

    public init(_ message: String, path: [String] = [], offset: Int? = nil) {
        self.message = message
        self.path = path
        self.offset = offset
    }

    public var description: String {
        var s = message
        if let offset { s += " (at character \(offset))" }
        if !path.isEmpty { s += " (in " + path.joined(separator: " > ") + ")" }
        return s
    }
}
