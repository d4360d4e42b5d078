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
        let quick = "trees=30 design=32"
        let r = run(["train", "--spaces", "nb201", "--limit", "60", "--seed", "3", "--out", out, "--cache", cache, "--settings", quick])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: cache + "/nb201.features"))
        // Same seed, same records (now from the cache): the same bytes.
        let again = dir.appendingPathComponent("again.onnxnet").path
        XCTAssertEqual(run(["train", "--spaces", "nb201", "--limit", "60", "--seed", "3", "--out", again, "--cache", cache,
                            "--settings", quick]).code, 0)
        XCTAssertEqual(run(["train", "--spaces", "nb201", "--out", again, "--settings", "colour=blue"]).code, ExitCode.usage)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out)), try Data(contentsOf: URL(fileURLWithPath: again)))
        let p = run(["predict", "--json", "--surrogate", out, examples + "/nb201_best.onnx"])
        XCTAssertEqual(p.code, 0, p.err)
        XCTAssertTrue(p.out.contains("\"predicted_accuracy\""))
        let perf = run(["perf", "predict", examples, "--surrogate", out, "--repeat", "1", "--json"])
        XCTAssertEqual(perf.code, 0, perf.err)
        XCTAssertTrue(perf.out.contains("\"median_ms\""), perf.out)
    }

    func testTrainAndEvaluateOnABenchDirectory() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bench = dir.appendingPathComponent("bench").path
        let built = run(["bench", "build", "--out", bench, "--spaces", "nb201", "--limit", "200", "--jobs", "2"])
        XCTAssertEqual(built.code, 0, built.err)
        let out = dir.appendingPathComponent("mine.onnxnet").path
        // Small ensembles keep the debug-build test quick; the settings are the user-facing ones.
        let quick = "trees=30 design=32 mlp-steps=100"
        let trained = run(["train", "--bench", bench, "--protocol", "nb201-1pct", "--seed", "1", "--out", out, "--settings", quick])
        XCTAssertEqual(trained.code, 0, trained.err)
        XCTAssertTrue(trained.err.contains("nb201-1pct seed 1: 156 training architectures"), trained.err)
        XCTAssertTrue(trained.err.contains("trained on 156 architectures"), trained.err)
        let evaluated = run(["evaluate", "--bench", bench, "--protocol", "nb201-1pct", "--seeds", "0", "--settings", quick])
        XCTAssertEqual(evaluated.code, 0, evaluated.err)
        XCTAssertTrue(evaluated.out.contains("nb201     156    44"), evaluated.out)

        let missing = run(["train", "--bench", dir.appendingPathComponent("no-such-bench").path, "--out", out + ".2"])
        XCTAssertEqual(missing.code, ExitCode.failure)
        XCTAssertTrue(missing.err.contains("no such directory"), missing.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + ".2"))
        let several = run(["train", "--protocol", "leave-one-out", "--out", out + ".3"])
        XCTAssertEqual(several.code, ExitCode.usage)
        XCTAssertTrue(several.err.contains("leave-one-out:nb201"), several.err)
    }
}
