import Foundation
import ONNXBench
import ONNXNetCLI
import XCTest

/// `onnxnet bench ...` end to end through the CLI library.
final class BenchCommandTests: XCTestCase {
    private func run(_ args: [String]) -> (code: Int32, out: String, err: String) { CLITest.run(args) }

    private func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("onnxnet-benchcli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testBuildExportImportStatsRoundTrip() throws {
        let dir = try temporaryDirectory()
        let bench = dir + "/bench"
        let built = run(["bench", "build", "--out", bench, "--spaces", "nb201", "--limit", "6", "--jobs", "2"])
        XCTAssertEqual(built.code, 0, built.err)
        XCTAssertTrue(built.out.contains("6 records, 6 written"), built.out)
        XCTAssertTrue(built.out.contains("index: 6 records"), built.out)
        let rerun = run(["bench", "build", "--out", bench, "--spaces", "nb201", "--limit", "6"])
        XCTAssertTrue(rerun.out.contains("0 written, 6 already finished"), rerun.out)

        let csv = dir + "/train.csv"
        let exported = run(["bench", "export-csv", bench, "-o", csv])
        XCTAssertEqual(exported.code, 0, exported.err)
        let rows = try ReferenceCSV.read(CSVReader(path: csv), name: csv)
        XCTAssertEqual(rows.count, 6)
        XCTAssertEqual(Set(rows.map(\.row.dataset)), ["nas201nats"], "the task name bert_tuning.py filters on")
        XCTAssertTrue(rows.allSatisfy { $0.row.encoding.contains("\n") && $0.row.encoding.contains("Conv") })
        let index = try BenchIndex.read(directory: bench)
        XCTAssertEqual(rows.map(\.row.name), index.map(\.name))
        XCTAssertEqual(rows.map { Double($0.row.accuracy)! }, index.map(\.accuracy))

        // The exported table imports back as encodings.
        let imported = run(["bench", "import", csv, "--out", dir + "/again"])
        XCTAssertEqual(imported.code, 0, imported.err)
        XCTAssertTrue(imported.out.contains("imported 6 entries (reference CSV"), imported.out)
        let again = try ReferenceCSV.read(CSVReader(path: dir + "/again/encodings.csv"), name: "e").map(\.row)
        XCTAssertEqual(again, rows.map(\.row))

        let svg = dir + "/jsd.svg"
        let stats = run(["bench", "stats", "--bench", bench, "--svg", svg])
        XCTAssertEqual(stats.code, 0, stats.err)
        XCTAssertTrue(stats.out.contains("Jensen-Shannon divergence"), stats.out)
        XCTAssertTrue(try String(contentsOfFile: svg, encoding: .utf8).hasPrefix("<svg"))
        let json = run(["bench", "stats", "--bench", bench, "--json"])
        XCTAssertTrue(json.out.contains("\"jsd_bits\""), json.out)
    }

    func testImportReportsLineNumbersAndFails() throws {
        let dir = try temporaryDirectory()
        try "space,notation,accuracy\nnb201,0,90\nnb201,bogus,90\nnope,1,2\n".write(toFile: dir + "/l.csv", atomically: true, encoding: .utf8)
        let r = run(["bench", "import", dir + "/l.csv", "--out", dir + "/b"])
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.err.contains("2 bad entries, nothing imported"), r.err)
        XCTAssertTrue(r.err.contains("line 3: invalid nb201 notation"), r.err)
        XCTAssertTrue(r.err.contains("line 4: unknown space 'nope'"), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/b/nb201"))
    }

    func testSplitsAndUsageErrors() throws {
        let dir = try temporaryDirectory()
        let split = run(["bench", "split", "nb201-1pct", "--seed", "2", "-o", dir + "/s.csv"])
        XCTAssertEqual(split.code, 0, split.err)
        XCTAssertTrue(split.out.contains("nb201-1pct seed 2: 156 train, 15469 test"), split.out)
        let text = try String(contentsOfFile: dir + "/s.csv", encoding: .utf8)
        XCTAssertEqual(text.split(separator: "\n").count, 1 + 15_625)
        XCTAssertEqual(run(["bench", "split", "leave-one-out"]).code, 2)
        XCTAssertEqual(run(["bench", "frobnicate"]).code, 2)
        XCTAssertEqual(run(["bench", "build", "--out", dir, "--shard", "0/2"]).code, 2)
        XCTAssertEqual(run(["bench", "build", "--out", dir, "--spaces", "einspace"]).code, 2)
        XCTAssertEqual(run(["bench", "build"]).code, 2)
        XCTAssertTrue(run(["bench", "protocols"]).out.contains("leave-one-out:nb301"))
    }
}
