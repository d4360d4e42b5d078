import XCTest
import ONNXNetSupport
@testable import SearchSpaces

final class DARTSNotationTests: XCTestCase {
    // zc_nasbench301.json's first key, and the same architecture as a DARTS genotype.
    let compact = "[[(0, 0), (1, 5), (1, 1), (0, 1), (1, 3), (0, 3), (1, 3), (3, 2)], [(1, 0), (0, 2), (1, 3), (0, 3), (3, 0), (0, 1), (2, 0), (3, 6)]]"
    let genotype = "Genotype(normal=[('max_pool_3x3', 0), ('dil_conv_3x3', 1), ('avg_pool_3x3', 1), ('avg_pool_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('skip_connect', 3)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 1), ('skip_connect', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('max_pool_3x3', 3), ('avg_pool_3x3', 0), ('max_pool_3x3', 2), ('dil_conv_5x5', 3)], reduce_concat=[2, 3, 4, 5])"

    func testCompactRoundTrip() throws {
        let g = try DARTSNotation.parse(compact)
        XCTAssertEqual(DARTSNotation.print(g), compact)
        XCTAssertEqual(g.normal.edges[1], DARTSEdge(input: 1, operation: .dilConv3x3))
        XCTAssertEqual(g.reduce.edges[7], DARTSEdge(input: 3, operation: .dilConv5x5))
    }

    func testGenotypeFormParsesToTheSameArchitectureAndPrintsBack() throws {
        let g = try DARTSNotation.parse(genotype)
        XCTAssertEqual(DARTSNotation.print(g), compact)
        XCTAssertEqual(DARTSNotation.printGenotype(g), genotype)
    }

    func testGenotypeVariants() throws {
        let expected = try DARTSNotation.parse(compact)
        // Positional fields, range(...) concat, double quotes, module prefix, line breaks, trailing commas.
        let positional = genotype
            .replacingOccurrences(of: "normal=", with: "").replacingOccurrences(of: "normal_concat=", with: "")
            .replacingOccurrences(of: "reduce=", with: "").replacingOccurrences(of: "reduce_concat=", with: "")
        XCTAssertEqual(try DARTSNotation.parse(positional), expected)
        let ranged = genotype.replacingOccurrences(of: "[2, 3, 4, 5]", with: "range(2, 6)")
        XCTAssertEqual(try DARTSNotation.parse(ranged), expected)
        let styled = "genotypes.Genotype(\n  normal=" + genotype.dropFirst("Genotype(normal=".count)
            .replacingOccurrences(of: "'", with: "\"").replacingOccurrences(of: "])", with: ",],)")
        XCTAssertEqual(try DARTSNotation.parse(styled), expected)
        // Tuples instead of lists, no spaces.
        let tight = compact.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "[", with: "(")
            .replacingOccurrences(of: "]", with: ")")
        XCTAssertEqual(try DARTSNotation.parse(tight), expected)
    }

    func testSpaceCanonicalizes() throws {
        let space = NB301Space()
        XCTAssertEqual(try space.canonicalize("  " + genotype + "\n"), compact)
        XCTAssertNil(space.architectureCount)
        XCTAssertFalse(space.isEnumerable)
        XCTAssertThrowsError(try space.enumerate { _ in true })
        XCTAssertEqual(try SearchSpaceRegistry.space("NB301").id, "nb301")
    }

    private func error(_ text: String) -> DARTSError? {
        do { _ = try DARTSNotation.parse(text); return nil } catch { return error }
    }

    func testInvalidGenotypesSayWhatIsWrong() {
        // Node 2 (third node) reads state 4, which does not exist yet.
        XCTAssertEqual(error(compact.replacingOccurrences(of: "(1, 3), (0, 3), (1, 3), (3, 2)]", with: "(4, 3), (0, 3), (1, 3), (3, 2)]")),
                       .inputOutOfRange(cell: "normal", node: 2, input: 4))
        // Both edges of the first reduction node read state 1.
        XCTAssertEqual(error(compact.replacingOccurrences(of: "[(1, 0), (0, 2)", with: "[(1, 0), (1, 2)")),
                       .repeatedInput(cell: "reduce", node: 0, input: 1))
        XCTAssertEqual(error(compact.replacingOccurrences(of: ", (3, 2)]", with: "]")),
                       .wrongEdgeCount(cell: "normal", found: 7))
        XCTAssertEqual(error(compact.replacingOccurrences(of: "(3, 6)", with: "(3, 7)")),
                       .unknownOperation("index 7", offset: 128))
        XCTAssertEqual(error(compact.replacingOccurrences(of: "(0, 0)", with: "(-1, 0)")),
                       .inputOutOfRange(cell: "normal", node: 0, input: -1))
        XCTAssertEqual(error(genotype.replacingOccurrences(of: "'skip_connect', 3", with: "'none', 3")),
                       .unknownOperation("'none'", offset: 165))
        XCTAssertEqual(error(genotype.replacingOccurrences(of: "reduce_concat=[2, 3, 4, 5]", with: "reduce_concat=[4, 5]")),
                       .unsupportedConcat(cell: "reduce", found: [4, 5]))
        guard case .syntax(let lacking, _)? = error(genotype.replacingOccurrences(of: ", normal_concat=[2, 3, 4, 5]", with: "")) else {
            return XCTFail("a missing field must be a syntax error")
        }
        XCTAssertTrue(lacking.contains("normal_concat"), lacking)
        XCTAssertEqual(error(compact + "]"), .syntax("unexpected text after the genotype", offset: compact.utf8.count))
        for bad in ["", "[", "[[(0, 0)]]", "[[], [], []]", "Foo(normal=[])", "[[(0, 'x')]]", "(((((((((((0)))))))))))",
                    "[[(0, 0), (1, 5)], [(1, 0)]", "'unterminated", "[[(0, 99999999999999999999)]]", "nonsense"] {
            XCTAssertNotNil(error(bad), bad)
        }
        XCTAssertNotNil(error(String(repeating: " ", count: 20_000)))
    }

    func testErrorsReachTheSpaceAsSearchSpaceErrors() {
        XCTAssertThrowsError(try NB301Space().canonicalize("[[(0, 0)], []]")) { error in
            guard let e = error as? SearchSpaceError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.space, "nb301")
            XCTAssertTrue(e.message.contains("normal cell lists 1 edges"), e.message)
        }
    }

    func testSamplingIsSeededDistinctAndValid() throws {
        let space = NB301Space()
        let a = try space.sample(count: 200, seed: 7)
        XCTAssertEqual(a, try space.sample(count: 200, seed: 7))
        XCTAssertNotEqual(a, try space.sample(count: 200, seed: 8))
        XCTAssertEqual(Set(a).count, 200)
        var inputs = [Int](repeating: 0, count: 5), ops = [Int](repeating: 0, count: 7)
        for s in a {
            XCTAssertEqual(try space.canonicalize(s), s)
            let g = try DARTSNotation.parse(s)
            for e in g.normal.edges + g.reduce.edges { ops[e.operation.rawValue] += 1 }
            for e in g.normal.edges[6...] { inputs[e.input] += 1 }
        }
        // Uniform operations (3,200 draws: about 457 each) and inputs of the last node (400 draws over 5 states).
        XCTAssertTrue(ops.allSatisfy { (380...540).contains($0) }, "\(ops)")
        XCTAssertTrue(inputs.allSatisfy { (50...110).contains($0) }, "\(inputs)")
        XCTAssertEqual(try space.sample(count: 0, seed: 1), [])
        XCTAssertThrowsError(try space.sample(count: -1, seed: 1))
        XCTAssertThrowsError(try space.sample(count: Int.max, seed: 1))
    }

    /// Damaged notations are rejected with a typed error or read as another valid genotype,
    /// never a crash.
    func testMutatedNotationsNeverCrash() throws {
        var rng = SeededGenerator(seed: 11)
        let alphabet = Array("[](),'=0123456789_ abcdefghijklmnopqrstuvwxyz-\"\n".utf8)
        for base in [compact, genotype] {
            let bytes = Array(base.utf8)
            for _ in 0..<1_500 {
                var m = bytes
                for _ in 0...rng.below(3) {
                    let i = rng.below(m.count)
                    switch rng.below(3) {
                    case 0: m[i] = alphabet[rng.below(alphabet.count)]
                    case 1: m.remove(at: i)
                    default: m.insert(alphabet[rng.below(alphabet.count)], at: i)
                    }
                }
                let text = String(decoding: m, as: UTF8.self)
                if let g = try? DARTSNotation.parse(text) {
                    XCTAssertEqual(try DARTSNotation.parse(DARTSNotation.print(g)), g, text)
                }
            }
        }
    }
}
