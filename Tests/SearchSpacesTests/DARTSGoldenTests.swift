import Foundation
import XCTest
import ONNXModel
import ONNXNetSupport
import ONNXNetEncoding
@testable import SearchSpaces

/// Compares our NB301 networks with the reference exports in `../shared/spec/goldens/nb301`
/// (the original DARTS `NetworkCIFAR` through eval-mode torch.onnx.export + onnx-simplifier).
final class DARTSGoldenTests: XCTestCase {
    struct Golden {
        let id: String
        let model: Model
        let json: [String: Any]
        var arch: [String: Any] { json["arch"] as? [String: Any] ?? [:] }
    }

    func goldens() throws -> [Golden] {
        guard let shared = SharedData.root(from: #filePath) else { throw XCTSkip("../shared is absent") }
        let dir = shared + "/spec/goldens/nb301"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        let ids = files.filter { $0.hasSuffix(".onnx") }.map { String($0.dropLast(5)) }.sorted()
        guard !ids.isEmpty else { throw XCTSkip("no nb301 goldens in \(dir)") }
        return try ids.map { id in
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(id).json"))
            let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
            return Golden(id: id, model: try ModelLoader.load(path: "\(dir)/\(id).onnx"), json: json)
        }
    }

    func testNotationsOfTheGoldensAgree() throws {
        for g in try goldens() {
            let key = try XCTUnwrap(g.arch["naslib_key"] as? String)
            let genotypeText = try XCTUnwrap(g.arch["genotype"] as? String)
            let genotype = try DARTSNotation.parse(genotypeText)
            XCTAssertEqual(DARTSNotation.print(genotype), key, g.id)
            XCTAssertEqual(DARTSNotation.printGenotype(try DARTSNotation.parse(key)), genotypeText, g.id)
        }
    }

    func testGraphsAgreeNodeByNode() throws {
        for g in try goldens() {
            let key = try XCTUnwrap(g.arch["naslib_key"] as? String)
            let ours = try NB301Space().build(key, weights: .shapesOnly)
            if let difference = DARTSGraphStructure.firstDifference(ours.graph, g.model.graph) {
                XCTFail("golden \(g.id): \(difference)")
            }
            XCTAssertEqual(ours.graph.nodes.map(\.opType), g.json["op_sequence"] as? [String], g.id)
            XCTAssertEqual(ours.graph.nodes.count, g.json["node_count"] as? Int, g.id)
            XCTAssertEqual(ours.opsetImports.map(\.version), g.model.opsetImports.map(\.version))
        }
    }

    func testParameterCountsAgreeWithTheGoldens() throws {
        for g in try goldens() {
            let key = try XCTUnwrap(g.arch["naslib_key"] as? String)
            let network = DARTSNetwork(genotype: try DARTSNotation.parse(key))
            XCTAssertEqual(network.trainableParameters(operationBatchNormAffine: true), g.json["torch_param_count"] as? Int, g.id)
            XCTAssertEqual(network.trainableParameters(operationBatchNormAffine: false),
                           g.json["torch_param_count_op_bn_nonaffine"] as? Int, g.id)
        }
    }

    /// The encodings without shapes must equal the reference encoder's for the golden; the
    /// shaped ones too once our graphs carry value_info (shape inference fills it).
    func testEncodingsEqualTheGoldens() throws {
        for g in try goldens() {
            let key = try XCTUnwrap(g.arch["naslib_key"] as? String)
            let ours = try NB301Space().build(key, weights: .shapesOnly)
            let expected = try XCTUnwrap(g.json["encodings"] as? [String: String])
            var variants: [EncodingVariant] = [.chainSlimBase, .chainSlimInput, .chainSlimParam]
            if !ours.graph.valueInfo.isEmpty { variants += [.chainSlim, .chainSlimOutshape] }
            for variant in variants {
                let text = ONNXNetEncoder.encode(ours, variant: variant).text
                XCTAssertEqual(text, expected[variant.rawValue], "golden \(g.id) \(variant.rawValue)")
            }
        }
    }
}
