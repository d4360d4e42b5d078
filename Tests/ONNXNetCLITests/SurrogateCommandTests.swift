import Foundation
import XCTest
import ONNXNetSupport
@testable import ONNXNetCLI

/// predict / train / evaluate / perf predict as users meet them: the JSON they promise, and
/// clear errors (exit 1 for unreadable inputs, 2 for wrong arguments) on bad input.
final class SurrogateCommandTests: XCTestCase {
    func run(_ args: [String]) -> (code: Int32, out: String, err: String) { CLITest.run(args) }

    var examples: String { CLITest.examples }

    func temporaryDirectory() throws -> URL { try CLITest.temporaryDirectory("onnxnet-surrogate-cli") }

    func testPredictScoresGoodFilesAndReportsTheBadOne() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let truncated = try Array(Data(contentsOf: URL(fileURLWithPath: examples + "/nb201_best.onnx")).prefix(300))
        try Data(truncated).write(to: dir.appendingPathComponent("truncated.onnx"))
        let r = run(["predict", "--json", examples + "/nb201_best.onnx", dir.appendingPathComponent("truncated.onnx").path,
                     examples + "/nb201_weak.onnx"])
        XCTAssertEqual(r.code, ExitCode.failure, "one file failed")
        let rows = try r.out.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(rows.count, 3)
        for i in [0, 2] {
            for key in ["file", "predicted_accuracy", "uncertainty", "out_of_distribution"] { XCTAssertNotNil(rows[i][key], key) }
            XCTAssertEqual(rows[i]["out_of_distribution"] as? Bool, false)
        }
        XCTAssertNotNil(rows[1]["error"])
        XCTAssertTrue(r.err.contains("truncated.onnx"), r.err)
        let best = rows[0]["predicted_accuracy"] as! Double, weak = rows[2]["predicted_accuracy"] as! Double
        XCTAssertGreaterThan(best, weak, "the bundled strong cell outranks the weak one")
    }

    func testPredictAndEvaluateArgumentErrors() {
        XCTAssertEqual(run(["predict"]).code, ExitCode.usage)
        let missingSurrogate = run(["predict", examples + "/nb201_best.onnx", "--surrogate", "/nonexistent.onnxnet"])
        XCTAssertEqual(missingSurrogate.code, ExitCode.failure)
        XCTAssertTrue(missingSurrogate.err.contains("cannot load the surrogate"), missingSurrogate.err)
        let unknown = run(["evaluate", "--protocol", "nb999"])
        XCTAssertEqual(unknown.code, ExitCode.usage)
        XCTAssertTrue(unknown.err.contains("nb201-1pct"), "the message lists the known protocols: \(unknown.err)")
        XCTAssertEqual(run(["evaluate"]).code, ExitCode.usage)
        XCTAssertEqual(run(["evaluate", "--protocol", "nb201-1pct", "--seeds", "a-b"]).code, ExitCode.usage)
        XCTAssertEqual(run(["train", "--spaces", "nb201"]).code, ExitCode.usage, "no --out")
        let space = run(["train", "--spaces", "nb999", "--out", "/tmp/never-written.onnxnet"])
        XCTAssertEqual(space.code, ExitCode.usage)
        XCTAssertTrue(space.err.contains("no embedded labels"), space.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/tmp/never-written.onnxnet"))
    }

    func testTrainOnAFewLabelledCellsThenPredictWithIt() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("small.onnxnet").path
        let cache = dir.appendingPathComponent("cache").path
        let r = run(["train", "--spaces", "nb201", "--limit", "60", "--seed", "3", "--out", out, "--cache", cache])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: cache + "/nb201.features"))
        // Same seed, same records (now from the cache): the same bytes.
        let again = dir.appendingPathComponent("again.onnxnet").path
        XCTAssertEqual(run(["train", "--spaces", "nb201", "--limit", "60", "--seed", "3", "--out", again, "--cache", cache]).code, 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out)), try Data(contentsOf: URL(fileURLWithPath: again)))
        let p = run(["predict", "--json", "--surrogate", out, examples + "/nb201_best.onnx"])
        XCTAssertEqual(p.code, 0, p.err)
        XCTAssertTrue(p.out.contains("\"predicted_accuracy\""))
        let perf = run(["perf", "predict", examples, "--surrogate", out, "--repeat", "1", "--json"])
        XCTAssertEqual(perf.code, 0, perf.err)
        XCTAssertTrue(perf.out.contains("\"median_ms\""), perf.out)
    }
}
