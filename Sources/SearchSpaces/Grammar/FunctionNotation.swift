/// Derivations written as nested function calls named after the production's leading
/// terminal: `head(arg, arg, ...)`, where an argument is the next symbol of the right-hand
/// side (a terminal by name, a nonterminal by its own derivation), and a production that is a
/// single terminal is just that name. einspace's architectures (nested `{"fn": ..., "children": ...}`
/// dictionaries in the original) read naturally this way:
/// `sequential_module(computation_module(linear64), computation_module(norm))`.
public struct FunctionNotation: Sendable {
    public let grammar: ContextFreeGrammar
    public var maxNesting = 512
    public var maxLength = 1 << 24

    public init(grammar: ContextFreeGrammar) throws(GrammarError) {
        for p in grammar.productions where p.head == nil {
            throw GrammarError("`\(p)` does not start with a terminal, so it has no function name")
        }
        self.grammar = grammar
    }

    public func print(_ derivation: Derivation) -> String {
        var out = ""
        write(derivation, into: &out)
        return out
    }

    private func write(_ d: Derivation, into out: inout String) {
        let p = grammar.productions[d.production]
        out += p.rhs[0].name
        guard p.rhs.count > 1 else { return }
        out += "("
        var child = 0
        for (i, symbol) in p.rhs.dropFirst().enumerated() {
            if i > 0 { out += ", " }
            if symbol.isTerminal {
                out += symbol.name
            } else {
                write(d.children[child], into: &out)
                child += 1
            }
        }
        out += ")"
    }

    /// A call as written, before it is matched against the grammar.
    private struct Term {
        let name: String
        let arguments: [Term]?
        let offset: Int
    }

    public func parse(_ text: String, as nonterminal: String? = nil) throws(DerivationError) -> Derivation {
        let bytes = Array(text.utf8)
        guard bytes.count <= maxLength else { throw DerivationError("derivation string longer than \(maxLength) bytes") }
        var reader = DerivationReader(bytes: bytes)
        let term = try readTerm(&reader, nesting: 0)
        reader.skipSpace()
        guard reader.atEnd else { throw DerivationError("unexpected text after the derivation", offset: reader.position) }
        return try match(term, as: nonterminal ?? grammar.start, path: [])
    }

    private func readTerm(_ r: inout DerivationReader, nesting: Int) throws(DerivationError) -> Term {
        guard nesting < maxNesting else { throw DerivationError("nesting deeper than \(maxNesting)", offset: r.position) }
        r.skipSpace()
        let at = r.position
        guard let name = r.word() else { throw DerivationError("expected a name", offset: at) }
        r.skipSpace()
        guard r.consume(UInt8(ascii: "(")) else { return Term(name: name, arguments: nil, offset: at) }
        var arguments: [Term] = []
        while true {
            arguments.append(try readTerm(&r, nesting: nesting + 1))
            r.skipSpace()
            if r.consume(UInt8(ascii: ")")) { break }
            guard r.consume(UInt8(ascii: ",")) else {
                throw DerivationError("expected `,` or `)` in the arguments of \(name)", offset: r.position)
            }
        }
        return Term(name: name, arguments: arguments, offset: at)
    }

    private func match(_ term: Term, as nonterminal: String, path: [String]) throws(DerivationError) -> Derivation {
        let alternatives = grammar.alternatives(of: nonterminal)
        let candidates = alternatives.filter { i in
            let p = grammar.productions[i]
            return p.head == term.name && (term.arguments?.count ?? 0) == p.rhs.count - 1
        }
        guard !candidates.isEmpty else {
            let names = alternatives.map { i -> String in
                let p = grammar.productions[i]
                return p.rhs.count == 1 ? p.rhs[0].name : "\(p.rhs[0].name)(\(p.rhs.count - 1) arguments)"
            }
            var seen = Set<String>()
            let known = names.filter { seen.insert($0).inserted }.joined(separator: ", ")
            throw DerivationError("`\(term.name)` with \(term.arguments?.count ?? 0) arguments is not an alternative of \(nonterminal) (one of: \(known))",
                                  path: path, offset: term.offset)
        }
        var firstError: DerivationError?
        for index in candidates {
            let p = grammar.productions[index]
            do throws(DerivationError) {
                var children: [Derivation] = []
                for (i, symbol) in p.rhs.dropFirst().enumerated() {
                    let argument = term.arguments![i]
                    if symbol.isTerminal {
                        guard argument.name == symbol.name, argument.arguments == nil else {
                            throw DerivationError("argument \(i + 1) of `\(p)` must be \(symbol.name), found \(argument.name)",
                                                  path: path, offset: argument.offset)
                        }
                    } else {
                        children.append(try match(argument, as: symbol.name, path: path + ["\(term.name)[\(i)]"]))
                    }
                }
                return Derivation(production: index, children: children)
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        throw firstError!
    }
}
