import Foundation
import XCTest
import ONNXNetSupport
@testable import ONNXNetCLI

/// The CLI as users meet it: exit codes, --help everywhere, JSON shapes, stdin.
final class CommandLineTests: XCTestCase {
    func run(_ args: [String], stdin: [UInt8]? = nil) -> (code: Int32, out: String, err: String) { CLITest.run(args, stdin: stdin) }

    var example: String { CLITest.examples + "/nb201_best.onnx" }

    func testEveryCommandHasHelp() {
        for c in ONNXNetCLI.commands {
            let r = run([c.name, "--help"])
            XCTAssertEqual(r.code, ExitCode.success, c.name)
            XCTAssertTrue(r.out.contains("Usage:"), c.name)
        }
        XCTAssertEqual(run(["--help"]).code, 0)
        XCTAssertEqual(run([]).code, ExitCode.usage)
    }

    func testUsageErrorsExitWithTwo() {
        XCTAssertEqual(run(["frobnicate"]).code, ExitCode.usage)
        let r = run(["inspect", "--no-such-flag", example])
        XCTAssertEqual(r.code, ExitCode.usage)
        XCTAssertTrue(r.err.contains("unknown option"))
        XCTAssertEqual(run(["encode", example, "--variant", "nope"]).code, ExitCode.usage)
        XCTAssertEqual(run(["space", "info", "no-such-space", "x"]).code, ExitCode.usage)
    }

    func testInspectJSONHasTheDocumentedKeys() throws {
        let r = run(["inspect", "--json", example])
        XCTAssertEqual(r.code, 0, r.err)
        let obj = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        for key in ["node_count", "op_histogram", "parameter_count", "inputs", "outputs", "opsets", "metadata"] {
            XCTAssertNotNil(obj[key], key)
        }
        XCTAssertGreaterThan(obj["node_count"] as! Int, 100)
    }

    func testInspectReadsStandardInputAndRejectsGarbage() throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: example)))
        XCTAssertEqual(run(["inspect", "-"], stdin: bytes).code, 0)
        let bad = run(["inspect", "-"], stdin: Array("not a model at all".utf8))
        XCTAssertEqual(bad.code, ExitCode.failure)
        XCTAssertTrue(bad.err.contains("not a valid ONNX model"))
        XCTAssertEqual(run(["inspect", "/nonexistent.onnx"]).code, ExitCode.failure)
    }

    func testEncodeManyFilesGivesJSONLinesAndKeepsGoingPastErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("onnxnet-cli-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(atPath: example, toPath: dir.appendingPathComponent("a.onnx").path)
        try Data("garbage".utf8).write(to: dir.appendingPathComponent("b.onnx"))
        let r = run(["encode", dir.path, "--jsonl"])
        XCTAssertEqual(r.code, ExitCode.failure)
        let lines = r.out.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as! [String: Any]
        XCTAssertEqual(first["name"] as? String, "a")
        XCTAssertEqual((first["encoding"] as? String)?.count, first["length"] as? Int)
        let second = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as! [String: Any]
        XCTAssertNotNil(second["error"])
    }

    func testPerfEncodeReportsPerModelTimesAndThroughput() throws {
        let r = run(["perf", "encode", example, "--repeat", "1", "--json"])
        XCTAssertEqual(r.code, 0, r.err)
        let json = String(r.out[r.out.firstIndex(of: "{")!...])
        let obj = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        XCTAssertEqual(obj["models"] as? Int, 1)
        XCTAssertEqual(obj["failed"] as? Int, 0)
        XCTAssertGreaterThan(obj["median_ms"] as? Double ?? 0, 0)
        XCTAssertGreaterThan(obj["models_per_second"] as? Double ?? 0, 0)
    }

    func testSpaceInfoAndExportRoundTrip() throws {
        let arch = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|"
        let info = run(["space", "info", "nb201", arch, "--json"])
        XCTAssertEqual(info.code, 0, info.err)
        let obj = try JSONSerialization.jsonObject(with: Data(info.out.utf8)) as! [String: Any]
        XCTAssertEqual(obj["trainable_parameters"] as? Int, 1_073_466)  // NAS-Bench-201's published 1.07 M
        XCTAssertNotNil(obj["flops"])
        XCTAssertNotNil(obj["node_count"])
        let io = CommandIO.capturing()
        XCTAssertEqual(ONNXNetCLI.run(["space", "export", "nb201", arch, "--weights", "none", "-o", "-"], io: io), 0)
        let fromPipe = run(["encode", "-"], stdin: io.capturedOutBytes)
        let fromFile = run(["encode", example])
        XCTAssertEqual(fromPipe.code, 0, fromPipe.err)
        XCTAssertEqual(fromPipe.out, fromFile.out)
    }

    /// Issue 7: the six exports of one network encode the same once simplified (default).
    func testExportVariantsShareOneEncoding() throws {
        guard let shared = SharedData.root() else { throw XCTSkip("../shared is absent") }
        for net in ["nb201_24", "nb101_4"] {
            let encodings = Set((0...5).map { run(["encode", "\(shared)/spec/export_variants/\(net)/v\($0).onnx"]).out })
            XCTAssertEqual(encodings.count, 1, net)
            let raw = Set((0...5).map { run(["encode", "--no-simplify", "\(shared)/spec/export_variants/\(net)/v\($0).onnx"]).out })
            XCTAssertGreaterThan(raw.count, 1, net)
        }
    }
}
