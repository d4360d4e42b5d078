/// A symbol on the right-hand side of a production.
public struct GrammarSymbol: Hashable, Sendable {
    public let name: String
    public let isTerminal: Bool

    public static func terminal(_ name: String) -> GrammarSymbol { GrammarSymbol(name: name, isTerminal: true) }
    public static func nonterminal(_ name: String) -> GrammarSymbol { GrammarSymbol(name: name, isTerminal: false) }
}

/// One alternative `LHS -> s1 s2 ...` of a context-free grammar.
public struct GrammarProduction: Hashable, Sendable, CustomStringConvertible {
    public let lhs: String
    public let rhs: [GrammarSymbol]
    /// How often the alternative is listed. NLTK-style samplers draw uniformly from the list of
    /// alternatives, so an alternative written twice is drawn twice as often (hNB201's
    /// `OPS -> "Linear1" CONVBLOCK` is); it is still one production for parsing and printing.
    public let multiplicity: Int

    public init(lhs: String, rhs: [GrammarSymbol], multiplicity: Int = 1) {
        self.lhs = lhs
        self.rhs = rhs
        self.multiplicity = multiplicity
    }

    /// Two productions are the same when they rewrite the same symbol the same way.
    public static func == (a: GrammarProduction, b: GrammarProduction) -> Bool { a.lhs == b.lhs && a.rhs == b.rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(lhs); hasher.combine(rhs) }

    /// `LHS -> "t" N ...` in the notation of grammar files.
    public var description: String {
        lhs + " -> " + rhs.map { $0.isTerminal ? "\"\($0.name)\"" : $0.name }.joined(separator: " ")
    }

    /// The nonterminals of the right-hand side, in order: one child derivation each.
    public var nonterminals: [String] { rhs.filter { !$0.isTerminal }.map(\.name) }

    /// The first symbol when it is a terminal (the operation a production is named after).
    public var head: String? { rhs.first.flatMap { $0.isTerminal ? $0.name : nil } }
}

/// A context-free grammar held as data: productions grouped by left-hand side, in the order of
/// the grammar text, with the first left-hand side as start symbol (as NLTK reads them).
public struct ContextFreeGrammar: Sendable {
    public let start: String
    /// Every distinct production; `Derivation.production` indexes this array.
    public let productions: [GrammarProduction]
    private let alternativesByLHS: [String: [Int]]

    public init(start: String, productions: [GrammarProduction]) throws(GrammarError) {
        var merged: [GrammarProduction] = []
        var position: [GrammarProduction: Int] = [:]
        for p in productions {
            if let i = position[p] {
                merged[i] = GrammarProduction(lhs: p.lhs, rhs: p.rhs, multiplicity: merged[i].multiplicity + p.multiplicity)
            } else {
                position[p] = merged.count
                merged.append(p)
            }
        }
        var byLHS: [String: [Int]] = [:]
        for (i, p) in merged.enumerated() { byLHS[p.lhs, default: []].append(i) }
        guard byLHS[start] != nil else { throw GrammarError("start symbol \(start) has no production") }
        for p in merged {
            guard !p.rhs.isEmpty else { throw GrammarError("production \(p.lhs) -> (empty) is not supported") }
            for s in p.rhs where !s.isTerminal && byLHS[s.name] == nil {
                throw GrammarError("nonterminal \(s.name) in `\(p)` has no production")
            }
            for s in p.rhs where s.isTerminal && byLHS[s.name] != nil {
                throw GrammarError("\(s.name) is used both as terminal and nonterminal (in `\(p)`)")
            }
        }
        self.start = start
        self.productions = merged
        self.alternativesByLHS = byLHS
    }

    /// Reads grammar text in the NLTK format of the original `.cfg` files: one
    /// `LHS -> "terminal" NONTERMINAL ... | ...` per line, terminals in double quotes.
    public init(text: String) throws(GrammarError) {
        var productions: [GrammarProduction] = []
        var start: String?
        for (lineNumber, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingWhitespace
            if line.isEmpty || line.hasPrefix("#") { continue }
            let chars = Array(line)
            guard let arrow = chars.indices.dropLast().first(where: { chars[$0] == "-" && chars[$0 + 1] == ">" }) else {
                throw GrammarError("line \(lineNumber + 1): expected `LHS -> ...`")
            }
            let lhs = String(chars[..<arrow]).trimmingWhitespace
            guard !lhs.isEmpty, !lhs.contains(" "), !lhs.contains("\"") else {
                throw GrammarError("line \(lineNumber + 1): bad left-hand side `\(lhs)`")
            }
            if start == nil { start = lhs }
            for alternative in String(chars[(arrow + 2)...]).split(separator: "|", omittingEmptySubsequences: false) {
                let symbols = try Self.symbols(in: Substring(alternative), line: lineNumber + 1)
                guard !symbols.isEmpty else { throw GrammarError("line \(lineNumber + 1): empty alternative") }
                productions.append(GrammarProduction(lhs: lhs, rhs: symbols))
            }
        }
        guard let start else { throw GrammarError("the grammar has no production") }
        try self.init(start: start, productions: productions)
    }

    private static func symbols(in text: Substring, line: Int) throws(GrammarError) -> [GrammarSymbol] {
        var symbols: [GrammarSymbol] = []
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == " " || c == "\t" || c == "\r" { i = text.index(after: i); continue }
            if c == "\"" {
                let from = text.index(after: i)
                guard let close = text[from...].firstIndex(of: "\"") else {
                    throw GrammarError("line \(line): unterminated terminal")
                }
                symbols.append(.terminal(String(text[from..<close])))
                i = text.index(after: close)
            } else {
                var j = i
                while j < text.endIndex, !" \t\r\"".contains(text[j]) { j = text.index(after: j) }
                symbols.append(.nonterminal(String(text[i..<j])))
                i = j
            }
        }
        return symbols
    }

    /// Indices (into `productions`) of the alternatives of `nonterminal`, in grammar order.
    public func alternatives(of nonterminal: String) -> [Int] { alternativesByLHS[nonterminal] ?? [] }

    public func isNonterminal(_ name: String) -> Bool { alternativesByLHS[name] != nil }
}

public struct GrammarError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "grammar: " + message }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" || f == "\n" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" || l == "\n" { s = s.dropLast() }
        return String(s)
    }
}
