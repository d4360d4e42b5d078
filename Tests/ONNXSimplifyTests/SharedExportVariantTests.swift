import XCTest
import ONNXModel
@testable import ONNXSimplify

/// The real PyTorch exports in `../shared/spec/export_variants` (skipped when absent): every
/// variant of both networks simplifies to its v0 (op sequence, attributes, inputs, parameter
/// shapes, hence the chain_slim encoding), and the canonical goldens are left as they are.
final class SharedExportVariantTests: XCTestCase {
    func testRealExportsSimplifyToTheirV0() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip("../shared is absent") }
        for net in ["nb201_24", "nb101_4"] {
            let dir = shared + "/spec/export_variants/" + net
            let v0 = try ModelLoader.load(path: dir + "/v0.onnx")
            let reference = GraphSignature.of(v0.graph)
            let expected = ExportVariantTests.chainSlim(v0)
            for v in ["v0", "v1", "v2", "v3", "v4", "v5"] {
                let s = try simplified(try ModelLoader.load(path: dir + "/\(v).onnx"))
                XCTAssertEqual(GraphSignature.of(s.graph), reference, "\(net) \(v)")
                XCTAssertEqual(ExportVariantTests.chainSlim(s), expected, "\(net) \(v)")
            }
        }
    }

    func testCanonicalGoldensKeepTheirEncoding() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip("../shared is absent") }
        for space in ["nb201", "nb101", "nb301"] {
            let dir = shared + "/spec/goldens/" + space
            let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".onnx") }.sorted()
            XCTAssertFalse(files.isEmpty)
            for f in files {
                let m = try ModelLoader.load(path: dir + "/" + f)
                let s = try simplified(m)
                XCTAssertEqual(GraphSignature.of(s.graph), GraphSignature.of(m.graph), "\(space)/\(f)")
            }
        }
    }
}
