import Foundation
import XCTest
import NetworkBuilder
import ONNXModel
import ONNXNetEncoding
import ONNXNetSupport
@testable import SearchSpaces

/// Our NB101 graphs against the reference exports (the `nasbench_pytorch` network through
/// PyTorch eval export + onnx-simplifier) in `../shared/spec/goldens/nb101`, node by node and
/// encoding by encoding.
final class NB101GoldenTests: XCTestCase {
    func testEveryGoldenNodeByNode() throws {
        guard let shared = SharedData.root() else { throw XCTSkip("../shared is absent") }
        let folder = shared + "/spec/goldens/nb101"
        let ids = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".onnx") }.map { String($0.dropLast(5)) }.sorted()
        XCTAssertFalse(ids.isEmpty)
        let space = NB101Space()
        for id in ids {
            let json = try XCTUnwrap(try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(id).json"))) as? [String: Any])
            let arch = try XCTUnwrap(json["arch"] as? [String: Any])
            let key = try XCTUnwrap(arch["naslib_key"] as? String)
            let notation = try space.canonicalize(key)

            let golden = try ModelLoader.load(path: "\(folder)/\(id).onnx")
            let ours = try space.build(notation, weights: .shapesOnly)
            if let dump = ProcessInfo.processInfo.environment["NB101_GOLDEN_DUMP"] {
                try ModelLoader.save(try space.build(notation, weights: .random(seed: 1)), to: "\(dump)/\(id).onnx")
            }
            XCTAssertEqual(ours.graph.nodes.map(\.opType), try XCTUnwrap(json["op_sequence"] as? [String]), "\(id) op sequence")
            XCTAssertEqual(ours.graph.nodes.count, json["node_count"] as? Int, "\(id) node count")
            for difference in NB201GraphComparison.differences(golden.graph, ours.graph).prefix(5) {
                XCTFail("golden \(id) (\(notation)): \(difference)")
            }
            let info = try space.info(notation)
            XCTAssertEqual(info.trainableParameters, json["torch_param_count"] as? Int, id)
            XCTAssertEqual(info.nodeCount, json["node_count"] as? Int, id)

            let expected = try XCTUnwrap(json["encodings"] as? [String: String])
            for variant in EncodingVariant.allCases where variant != .graphLines {
                XCTAssertEqual(ONNXNetEncoder.encode(ours, variant: variant).text, expected[variant.rawValue],
                               "golden \(id) \(variant.rawValue)")
            }
        }
    }
}
