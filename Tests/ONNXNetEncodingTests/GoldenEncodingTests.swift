import Foundation
import XCTest
import ONNXModel
import ONNXNetSupport
@testable import ONNXNetEncoding

/// Byte-for-byte agreement with the reference encoder's own output (`../shared/spec/goldens`).
final class GoldenEncodingTests: XCTestCase {
    struct Golden {
        let path: String
        let model: Model
        let encodings: [String: String]
    }

    func goldens() throws -> [Golden] {
        guard let shared = SharedData.root() else { throw XCTSkip("../shared is absent") }
        var out: [Golden] = []
        for dir in ["nb201", "nb101", "nb301", "real"] {
            let d = shared + "/spec/goldens/" + dir
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: d) else { continue }
            for f in files.sorted() where f.hasSuffix(".onnx") {
                let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: d + "/" + f.dropLast(5) + ".json"))) as! [String: Any]
                out.append(Golden(path: dir + "/" + f, model: try ModelLoader.load(path: d + "/" + f),
                                  encodings: json["encodings"] as! [String: String]))
            }
        }
        XCTAssertGreaterThanOrEqual(out.count, 50)
        return out
    }

    /// The full pipeline: our shape inference on a copy without value_info, then the walk.
    func testAllGoldensMatchWithOurShapeInference() throws {
        var checked = 0
        for g in try goldens() {
            var stripped = g.model
            stripped.graph.valueInfo = []
            let all = ONNXNetEncoder.encodeAll(stripped)
            for (variant, expected) in g.encodings {
                let v = try XCTUnwrap(EncodingVariant.named(variant), variant)
                let got = try XCTUnwrap(all[v]).text
                XCTAssertEqual(got, expected, "\(g.path) \(variant): first difference at \(Self.firstDifference(got, expected))")
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 250)
    }

    /// The walk alone, with the shapes stored in the file (what the reference saw).
    func testAllGoldensMatchWithStoredShapesWhereStored() throws {
        for g in try goldens() where !g.model.graph.valueInfo.isEmpty {
            let shapes = ShapeTable(valueInfoOf: g.model.graph)
            for (variant, expected) in g.encodings {
                let got = ONNXNetEncoder.encode(g.model, variant: EncodingVariant.named(variant)!, shapes: shapes).text
                XCTAssertEqual(got, expected, "\(g.path) \(variant)")
            }
        }
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let x = Array(a), y = Array(b)
        var i = 0
        while i < min(x.count, y.count), x[i] == y[i] { i += 1 }
        return "\(i): got '\(String(x[i..<min(x.count, i + 40)]))' expected '\(String(y[i..<min(y.count, i + 40)]))'"
    }
}
