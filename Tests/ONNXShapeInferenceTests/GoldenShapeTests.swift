import Foundation
import XCTest
import ONNXModel
@testable import ONNXShapeInference

/// Every `../shared/spec/goldens/**/X.onnx` carries the value_info that onnx 1.17's shape
/// inference wrote; we strip it, infer again, and must get exactly the same types.
final class GoldenShapeTests: XCTestCase {
    static func sharedRoot() -> String? {
        var url = URL(fileURLWithPath: #filePath)
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                let shared = url.deletingLastPathComponent().appendingPathComponent("shared")
                return FileManager.default.fileExists(atPath: shared.appendingPathComponent("spec").path) ? shared.path : nil
            }
        }
        return nil
    }

    func testGoldensReinferToTheirStoredValueInfo() throws {
        guard let root = Self.sharedRoot() else { throw XCTSkip("../shared is absent") }
        let goldens = root + "/spec/goldens"
        guard let walker = FileManager.default.enumerator(atPath: goldens) else { throw XCTSkip("no goldens") }
        var files: [String] = []
        for case let path as String in walker where path.hasSuffix(".onnx") { files.append(goldens + "/" + path) }
        files.sort()
        if files.isEmpty { throw XCTSkip("no golden models") }
        var compared = 0
        for path in files {
            let model = try ModelLoader.load(path: path)
            var stripped = model
            stripped.graph.valueInfo = []
            let result = ShapeInference.infer(stripped)
            for vi in model.graph.valueInfo {
                guard case let .tensor(type, shape)? = vi.type?.value else { continue }
                guard let ours = result.types[vi.name] else {
                    XCTFail("\(path): \(vi.name) not inferred")
                    continue
                }
                XCTAssertEqual(ours.elementType, type, "\(path): element type of \(vi.name)")
                XCTAssertEqual(ours.shape, shape, "\(path): shape of \(vi.name)")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 0)
    }
}
