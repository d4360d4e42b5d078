import XCTest
import ONNXModel
import ONNXShapeInference
import ONNXNetEncoding
@testable import ONNXSimplify

/// One network exported six ways (mini fixtures built by `Fixtures/make_mini_fixtures.py`
/// in the patterns of PyTorch 2.6's exporter; v0 is onnx-simplifier's output): all must
/// simplify to v0's graph and so to one chain_slim encoding.
final class ExportVariantTests: XCTestCase {
    static let variants = ["v1", "v2", "v3", "v4", "v5"]

    /// chain_slim with shapes from our inference, as the reference encoder prints it.
    static func chainSlim(_ m: Model) -> String {
        let annotated = ShapeInference.annotate(m)
        return ONNXNetEncoder.encode(annotated, variant: .chainSlim, shapes: ShapeTable(valueInfoOf: annotated.graph)).text
    }

    func testEveryVariantSimplifiesToTheSimplifierForm() throws {
        let v0 = try TestPaths.fixture("mini_v0.onnx")
        let reference = GraphSignature.of(v0.graph)
        for v in Self.variants {
            let s = try simplified(try TestPaths.fixture("mini_\(v).onnx"))
            XCTAssertEqual(GraphSignature.of(s.graph), reference, "variant \(v)")
            XCTAssertEqual(s.defaultOpsetVersion, 17, "variant \(v)")
            XCTAssertGreaterThanOrEqual(s.irVersion, 8, "variant \(v)")
        }
    }

    func testEveryVariantGetsTheExpectedEncoding() throws {
        let expected = try String(contentsOfFile: TestPaths.fixtures + "/mini_v0.chain_slim.txt", encoding: .utf8)
        XCTAssertEqual(Self.chainSlim(try TestPaths.fixture("mini_v0.onnx")), expected, "v0 as exported")
        for v in ["v0"] + Self.variants {
            let s = try simplified(try TestPaths.fixture("mini_\(v).onnx"))
            XCTAssertEqual(Self.chainSlim(s), expected, "variant \(v)")
        }
    }

    func testCanonicalFormIsAFixedPoint() throws {
        let v0 = try TestPaths.fixture("mini_v0.onnx")
        let (once, report) = try Simplifier.simplifyWithReport(v0)
        XCTAssertTrue(report.reachedFixedPoint)
        XCTAssertEqual(GraphSignature.of(once.graph), GraphSignature.of(v0.graph))
        let twice = try simplified(once)
        XCTAssertEqual(twice.serialized(), once.serialized())
    }

    func testSimplificationIsDeterministic() throws {
        for v in Self.variants {
            let m = try TestPaths.fixture("mini_\(v).onnx")
            XCTAssertEqual(try simplified(m).serialized(), try simplified(m).serialized(), "variant \(v)")
        }
    }

    func testReportSaysWhatChanged() throws {
        let (_, r2) = try Simplifier.simplifyWithReport(try TestPaths.fixture("mini_v2.onnx"))
        XCTAssertEqual(r2.opsetBefore, 11)
        XCTAssertEqual(r2.opsetAfter, 17)
        XCTAssertGreaterThan(r2.changes(of: "opset_normalisation"), 0)
        XCTAssertGreaterThan(r2.changes(of: "no_op_removal"), 0)          // Identity, x + 0
        XCTAssertEqual(r2.nodesAfter, 18)
        XCTAssertLessThan(r2.bytesAfter, r2.bytesBefore)

        let (_, r4) = try Simplifier.simplifyWithReport(try TestPaths.fixture("mini_v4.onnx"))
        XCTAssertEqual(r4.changes(of: "inference_mode"), 4)                 // four training-mode BNs
        XCTAssertEqual(r4.changes(of: "batchnorm_folding"), 3)              // the last one has no Conv
        XCTAssertTrue(r4.json.text.contains("\"name\":\"batchnorm_folding\",\"changes\":3"))
    }

    func testTrainingExportFoldsRunningStatistics() throws {
        // v4 normalises with running statistics that moved during the export's forward pass:
        // the folded weights must be built from them, not from the eval export's.
        let v4 = try TestPaths.fixture("mini_v4.onnx")
        let s = try simplified(v4)
        let stemBN = try XCTUnwrap(v4.graph.nodes.first { $0.opType == "BatchNormalization" })
        let stemConv = try XCTUnwrap(v4.graph.nodes.first { $0.opType == "Conv" })
        let w = try XCTUnwrap(v4.initializer(stemConv.inputs[1])).floatValues()
        let p = try stemBN.inputs[1...4].map { try XCTUnwrap(v4.initializer($0)).floatValues() }
        let folded = try XCTUnwrap(s.graph.nodes.first { $0.opType == "Conv" })
        let fw = try XCTUnwrap(s.initializer(folded.inputs[1])).floatValues()
        let fb = try XCTUnwrap(s.initializer(folded.inputs[2])).floatValues()
        let perChannel = w.count / p[0].count
        for c in 0..<p[0].count {
            let scale = p[0][c] / (p[3][c] + 1e-5).squareRoot()
            XCTAssertEqual(fw[c * perChannel], w[c * perChannel] * scale, accuracy: 1e-6)
            XCTAssertEqual(fb[c], (0 - p[2][c]) * scale + p[1][c], accuracy: 1e-6)
        }
    }
}
