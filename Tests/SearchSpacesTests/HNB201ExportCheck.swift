import XCTest
import ONNXModel
import NetworkBuilder
import ONNXNetEncoding
@testable import SearchSpaces

/// Writes sampled architectures as runnable ONNX files for an outside check (onnx.checker,
/// onnxruntime). Skipped unless `ONNXNET_GRAMMAR_EXPORT` names an output directory;
/// `ONNXNET_GRAMMAR_EXPORT_COUNT` (default 1000) and `ONNXNET_GRAMMAR_EXPORT_SEED` (default 0)
/// choose the sample. Each space gets `<dir>/<id>/NNNN.onnx` and `<dir>/<id>/derivations.txt`.
enum GrammarExport {
    static func run(_ space: any SearchSpace, file: StaticString = #filePath, line: UInt = #line) throws {
        let env = ProcessInfo.processInfo.environment
        guard let dir = env["ONNXNET_GRAMMAR_EXPORT"] else {
            throw XCTSkip("set ONNXNET_GRAMMAR_EXPORT=<dir> to write the sample")
        }
        let count = Int(env["ONNXNET_GRAMMAR_EXPORT_COUNT"] ?? "") ?? 1000
        let seed = UInt64(env["ONNXNET_GRAMMAR_EXPORT_SEED"] ?? "") ?? 0
        let out = URL(fileURLWithPath: dir).appendingPathComponent(space.id)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let samples = try space.sample(count: count, seed: seed)
        var lines: [String] = []
        for (i, s) in samples.enumerated() {
            XCTAssertEqual(try space.canonicalize(s), s, "round trip", file: file, line: line)
            let model = try space.build(s, weights: .random(seed: UInt64(i)))
            let info = try space.info(s)
            XCTAssertEqual(info.nodeCount, model.graph.nodes.count, file: file, line: line)
            let warnings = ONNXNetEncoder.encode(model).warnings
            XCTAssertEqual(warnings, [], "\(i): \(s)", file: file, line: line)
            let name = String(format: "%04d.onnx", i)
            try ModelLoader.save(model, to: out.appendingPathComponent(name).path)
            lines.append("\(name)\t\(model.graph.nodes.count)\t\(info.trainableParameters)\t\(info.flops)\t\(s)")
        }
        try (lines.joined(separator: "\n") + "\n").write(to: out.appendingPathComponent("derivations.txt"),
                                                         atomically: true, encoding: .utf8)
    }
}

final class HNB201ExportCheck: XCTestCase {
    func testExportSample() throws { try GrammarExport.run(HNB201Space()) }

    /// Also writes `traversal.txt`: the order the network runs its edges in, one line per
    /// sampled architecture, for comparison with NePS' own flattening under networkx.
    func testExportTraversal() throws {
        let env = ProcessInfo.processInfo.environment
        guard let dir = env["ONNXNET_GRAMMAR_EXPORT"] else { throw XCTSkip("set ONNXNET_GRAMMAR_EXPORT=<dir>") }
        let count = Int(env["ONNXNET_GRAMMAR_EXPORT_COUNT"] ?? "") ?? 1000
        let seed = UInt64(env["ONNXNET_GRAMMAR_EXPORT_SEED"] ?? "") ?? 0
        let space = HNB201Space()
        let lines = try space.sample(count: count, seed: seed).map { try space.network($0).traversalSignature }
        let out = URL(fileURLWithPath: dir).appendingPathComponent(space.id)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try (lines.joined(separator: "\n") + "\n").write(to: out.appendingPathComponent("traversal.txt"),
                                                         atomically: true, encoding: .utf8)
    }
}
