import XCTest
import ONNXNetSupport
@testable import SearchSpaces

/// The shared grammar engine (grammar as data, derivation strings, rules, sampling), tested on
/// small grammars of its own and on the hNB201 grammar.
final class HNB201GrammarEngineTests: XCTestCase {
    func testGrammarTextIsReadLikeNLTK() throws {
        let g = try ContextFreeGrammar(text: """
            S -> "pair" A A | "one" A
            A -> "x" | "y" | "x"
            """)
        XCTAssertEqual(g.start, "S")
        XCTAssertEqual(g.alternatives(of: "A").count, 2)
        // A repeated alternative is one production drawn twice as often.
        XCTAssertEqual(g.productions[g.alternatives(of: "A")[0]].multiplicity, 2)
        XCTAssertEqual(g.productions[g.alternatives(of: "S")[0]].description, "S -> \"pair\" A A")
        let ops = HNB201Grammar.grammar.alternatives(of: "OPS").map { HNB201Grammar.grammar.productions[$0] }
        XCTAssertEqual(ops.map(\.multiplicity), [1, 1, 2, 1])
    }

    func testGrammarErrors() {
        func error(_ text: String) -> String {
            do { _ = try ContextFreeGrammar(text: text); return "" } catch { return error.message }
        }
        XCTAssertTrue(error("S -> \"a\" B").contains("B in `S -> \"a\" B` has no production"))
        XCTAssertTrue(error("S -> \"B\" | B\nB -> \"b\"").contains("both as terminal and nonterminal"))
        XCTAssertTrue(error("S = \"a\"").contains("expected `LHS -> ...`"))
        XCTAssertTrue(error("S -> \"a").contains("unterminated"))
        XCTAssertTrue(error("").contains("no production"))
    }

    private let toy = try! ContextFreeGrammar(text: """
        E -> "add" E E | "neg" E | "leaf" V
        V -> "one" | "two"
        """)

    func testBothNotationsRoundTrip() throws {
        let sexp = SExpressionNotation(grammar: toy)
        let text = "(E add (E neg (E leaf (V one))) (E leaf (V two)))"
        let d = try sexp.parse(text)
        XCTAssertEqual(sexp.print(d), text)
        XCTAssertEqual(d.size, 6)
        let calls = try FunctionNotation(grammar: toy)
        XCTAssertEqual(calls.print(d), "add(neg(leaf(one)), leaf(two))")
        XCTAssertEqual(try calls.parse("add( neg(leaf(one)),leaf(two) )"), d)
    }

    func testParseErrorsSayWhere() {
        let sexp = SExpressionNotation(grammar: toy)
        func error(_ s: String) -> DerivationError? {
            do { _ = try sexp.parse(s); return nil } catch { return error }
        }
        XCTAssertEqual(error("(E leaf (V three))")?.offset, 8)
        XCTAssertTrue(error("(E leaf (V three))")!.description.contains("no production matches `(V three)`"))
        XCTAssertTrue(error("(E leaf (V one)) x")!.description.contains("unexpected text"))
        XCTAssertTrue(error("(E leaf (V one)")!.description.contains("missing `)`"))
        var deep = sexp
        deep.maxNesting = 3
        let nested = "(E neg (E neg (E neg (E leaf (V one)))))"
        XCTAssertTrue((try? deep.parse(nested)) == nil)
        XCTAssertNotNil(try? sexp.parse(nested))
        XCTAssertTrue(String(describing: (try? FunctionNotation(grammar: toy).parse("add(leaf(one))")) as Any) == "nil")
    }

    /// Leaves must alternate one/two from left to right: a rule on siblings.
    private struct AlternatingRules: DerivationRules {
        let grammar: ContextFreeGrammar
        var budget = Int.max
        struct Context { var previous: String? }
        struct Value { var last: String?; var size: Int }

        func restriction(of production: GrammarProduction, in context: Context, depth: Int) -> String? {
            if production.lhs == "V", production.head == context.previous { return "repeats \(context.previous!)" }
            return nil
        }
        func context(ofChild index: Int, of production: GrammarProduction, parent: Context, siblings: [Value]) throws -> Context {
            Context(previous: siblings.last?.last ?? parent.previous)
        }
        func value(of production: GrammarProduction, in context: Context, children: [Value]) throws -> Value {
            let size = children.reduce(1) { $0 + $1.size }
            if size > budget { throw DerivationBudgetExceeded("too big") }
            if production.lhs == "V" { return Value(last: production.head, size: 1) }
            return Value(last: children.last?.last, size: size)
        }
    }

    func testEvaluatorReportsTheBrokenRule() throws {
        let rules = AlternatingRules(grammar: toy)
        let d = try SExpressionNotation(grammar: toy).parse("(E add (E leaf (V one)) (E leaf (V one)))")
        XCTAssertThrowsError(try DerivationEvaluator(rules: rules).evaluate(d, context: .init())) { error in
            let e = error as! DerivationError
            XCTAssertTrue(e.message.contains("`V -> \"one\"` is not allowed here: repeats one"), e.message)
            XCTAssertEqual(e.path, ["E[1]", "E[0]"])
        }
    }

    func testSamplerFollowsRulesAndLimits() throws {
        var rules = AlternatingRules(grammar: toy)
        rules.budget = 9
        let sampler = DerivationSampler(rules: rules, maxNodes: 1000, maxDepth: 50)
        var rng = SeededGenerator(seed: 1)
        var sizes: [Int] = []
        for _ in 0..<200 {
            let (d, v) = try sampler.sample(context: .init(), using: &rng)
            XCTAssertNoThrow(try DerivationEvaluator(rules: AlternatingRules(grammar: toy)).evaluate(d, context: .init()))
            XCTAssertLessThanOrEqual(v.size, 9)
            sizes.append(d.size)
        }
        XCTAssertGreaterThan(Set(sizes).count, 3)
        // Same seed, same draws.
        var a = SeededGenerator(seed: 4), b = SeededGenerator(seed: 4)
        XCTAssertEqual(try sampler.sample(context: .init(), using: &a).0, try sampler.sample(context: .init(), using: &b).0)
        // A limit nothing fits: a clear error after the restarts, not a hang.
        rules.budget = 0
        let stuck = DerivationSampler(rules: rules, maxRestarts: 20)
        XCTAssertThrowsError(try stuck.sample(context: .init(), using: &rng)) { error in
            XCTAssertTrue("\(error)".contains("no derivation within the limits"), "\(error)")
        }
    }

    func testWeightedDrawIsProportional() {
        var rng = SeededGenerator(seed: 9)
        var hits = [0, 0, 0]
        for _ in 0..<30_000 { hits[DerivationSampler<AlternatingRules>.draw([1, 0, 2], rng: &rng)!] += 1 }
        XCTAssertEqual(hits[1], 0)
        XCTAssertEqual(Double(hits[2]) / Double(hits[0]), 2, accuracy: 0.1)
        XCTAssertNil(DerivationSampler<AlternatingRules>.draw([0, 0], rng: &rng))
    }
}
