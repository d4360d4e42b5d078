import ONNXBench
import ONNXNetSupport
import XCTest

/// Protocol splits: sizes from protocols.md, determinism by seed, disjointness.
final class BenchSplitTests: XCTestCase {
    private func key(_ r: LabelRecord) -> String { r.space.rawValue + ":" + r.notation }

    func testRandomSubsetSizesDeterminismAndDisjointness() throws {
        let nb201 = try EmbeddedLabels.nb201()
        for (id, k) in [("nb201-1pct", 156), ("nb201-10pct", 1_563)] {
            let a = try ProtocolSplit.make(protocol: id, seed: 3, records: nb201)
            XCTAssertEqual(a.train.count, k, id)
            XCTAssertEqual(a.test.count, 15_625 - k, id)
            XCTAssertTrue(Set(a.train.map(key)).isDisjoint(with: a.test.map(key)), id)
            let again = try ProtocolSplit.make(protocol: id, seed: 3, records: nb201)
            XCTAssertEqual(again.train, a.train, "same seed, same split")
            let other = try ProtocolSplit.make(protocol: id, seed: 4, records: nb201)
            XCTAssertNotEqual(other.train.map(\.sourceIndex), a.train.map(\.sourceIndex), "another seed, another split")
            // Train is listed in pool order.
            XCTAssertEqual(a.train.map(\.sourceIndex), a.train.map(\.sourceIndex).sorted())
        }
        let nb101 = try EmbeddedLabels.nb101Hashed()
        let s = try ProtocolSplit.make(protocol: "nb101-424", seed: 0, records: nb101)
        XCTAssertEqual(s.train.count, 424)
        XCTAssertEqual(s.test.count, 20_001 - 424)
    }

    /// The documented draw, step by step: shuffle 0..<n with SeededGenerator(seed:), take the
    /// first k, list them in pool order.
    func testDrawIsTheDocumentedOne() throws {
        let nb201 = try EmbeddedLabels.nb201()
        var order = Array(0..<nb201.count)
        var g = SeededGenerator(seed: 11)
        g.shuffle(&order)
        let expected = order.prefix(156).sorted()
        XCTAssertEqual(try ProtocolSplit.make(protocol: "nb201-1pct", seed: 11, records: nb201).train.map(\.sourceIndex), expected)
    }

    func testTransferAndLeaveOneOut() throws {
        let t = try ProtocolSplit.make(protocol: "nb101-to-nb201", seed: 0)
        XCTAssertEqual(t.test.count, 15_625)
        XCTAssertTrue(t.train.allSatisfy { $0.space == .nb101 })
        // 20,001 + 500 NASLib cells, less the NASLib cells the 20k set already holds.
        XCTAssertGreaterThan(t.train.count, 20_001)
        XCTAssertLessThanOrEqual(t.train.count, 20_501)

        let loo = try ProtocolSplit.make(protocol: "leave-one-out:nb101", seed: 1)
        XCTAssertTrue(loo.test.allSatisfy { $0.space == .nb101 })
        XCTAssertEqual(loo.test.count, t.train.count)
        let perSpace = Dictionary(grouping: loo.train, by: \.space).mapValues(\.count)
        XCTAssertEqual(perSpace, [.nb201: 1_000, .nb301: 725])
        XCTAssertEqual(try ProtocolSplit.make(protocol: "leave-one-out:nb101", seed: 1).train, loo.train)
        XCTAssertNotEqual(try ProtocolSplit.make(protocol: "leave-one-out:nb101", seed: 2).train, loo.train)
    }

    func testUnknownProtocolsAndTooFewRecordsAreClearErrors() throws {
        XCTAssertThrowsError(try ProtocolSplit.make(protocol: "nb201-50pct", seed: 0, records: [])) {
            XCTAssertTrue("\($0)".contains("unknown protocol 'nb201-50pct'; known: nb201-1pct, nb201-10pct"), "\($0)")
        }
        XCTAssertThrowsError(try BenchProtocol.named("leave-one-out")) {
            XCTAssertTrue("\($0)".contains("name the held-out space"), "\($0)")
        }
        // What `evaluate --protocol leave-one-out` runs: every labelled space held out in turn.
        XCTAssertEqual(try BenchProtocol.expanding("leave-one-out").map(\.testSpace), ["nb201", "nb101", "nb301"])
        XCTAssertEqual(try BenchProtocol.expanding("nb101-to-nb201"), [.nb101ToNB201])
        XCTAssertEqual(BenchProtocol.nb101ToNB201.testSpace, "nb201")
        XCTAssertThrowsError(try BenchProtocol.expanding("nb999"))
        let few = Array(try EmbeddedLabels.nb201().prefix(100))
        XCTAssertThrowsError(try ProtocolSplit.make(protocol: "nb201-1pct", seed: 0, records: few)) {
            XCTAssertTrue("\($0)".contains("only 100 are given"), "\($0)")
        }
        XCTAssertEqual(BenchProtocol.all.map(\.id),
                       ["nb201-1pct", "nb201-10pct", "nb101-424", "nb101-to-nb201",
                        "leave-one-out:nb201", "leave-one-out:nb101", "leave-one-out:nb301"])
    }
}
