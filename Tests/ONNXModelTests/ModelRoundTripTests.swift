import Foundation
import XCTest
import ONNXNetSupport
import ONNXProto
@testable import ONNXModel

/// Real models nobody here wrote (ONNX backend tests, light CNNs) plus one synthetic model
/// that uses every message type; `expected.json` holds what Python `onnx` reports for them
/// (scripts/make_fixtures.py).
final class ModelRoundTripTests: XCTestCase {
    var fixtures: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures") }

    func fixtureFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: fixtures, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "onnx" }.sorted { $0.path < $1.path }
    }

    func testFiguresMatchPythonONNX() throws {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("expected.json"))
        let expected = try JSONSerialization.jsonObject(with: data) as! [String: [String: Any]]
        XCTAssertGreaterThanOrEqual(expected.count, 14)
        for (file, figures) in expected {
            let m = try ModelLoader.load(path: fixtures.appendingPathComponent(file).path)
            let s = ModelSummary(m)
            XCTAssertEqual(s.nodeCount, figures["node_count"] as? Int, file)
            XCTAssertEqual(s.opHistogram, figures["op_histogram"] as? [String: Int], file)
            XCTAssertEqual(s.parameterCount, figures["parameter_count"] as? Int, file)
            XCTAssertEqual(m.graph.initializers.count, figures["initializer_count"] as? Int, file)
        }
    }

    func testLoadSaveLoadIsIdentity() throws {
        for url in try fixtureFiles() {
            let a = try ModelLoader.load(path: url.path)
            let bytes = a.serialized()
            let b = try Model(decoding: bytes)
            XCTAssertEqual(a, b, url.lastPathComponent)
            // Writing is deterministic: a second pass gives the same bytes.
            XCTAssertEqual(b.serialized(), bytes, url.lastPathComponent)
        }
    }

    func testFeatureZooHasEveryMessageType() throws {
        let m = try ModelLoader.load(path: fixtures.appendingPathComponent("feature_zoo.onnx").path)
        XCTAssertEqual(m.functions.first?.name, "CustomRelu")
        XCTAssertEqual(m.trainingInfo.first?.updateBinding.first?.value, "W_new")
        XCTAssertEqual(m.graph.sparseInitializers.count, 1)
        XCTAssertEqual(m.metadata("accuracy"), "93.5")
        let id = try XCTUnwrap(m.graph.nodes.first { $0.opType == "Identity" })
        let kinds = Set(id.attributes.map(\.type.rawValue))
        XCTAssertEqual(kinds, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13])
        XCTAssertEqual(id.attribute("i")?.i, -7)
        XCTAssertEqual(id.attribute("s")?.stringValue, "text")
        XCTAssertEqual(id.attribute("sl")?.strings, [Array("x".utf8), Array("y".utf8)])
        XCTAssertNotNil(id.attribute("g")?.g)
        let h = try XCTUnwrap(m.graph.initializers.first { $0.name == "H" })
        XCTAssertEqual(try h.doubleValues(), [1.5, -2])
        let bf = try XCTUnwrap(m.graph.initializers.first { $0.name == "BF" })
        XCTAssertEqual(try bf.doubleValues(), [1.0])
        let types = Dictionary(uniqueKeysWithValues: m.graph.valueInfo.map { ($0.name, $0.type) })
        if case .sequence? = types["seq"]??.value {} else { XCTFail("sequence type") }
        if case .map(let k, _)? = types["mp"]??.value { XCTAssertEqual(k, .int64) } else { XCTFail("map type") }
        if case .optional? = types["opt"]??.value {} else { XCTFail("optional type") }
        if case let .tensor(_, shape)? = m.graph.inputs[0].type?.value {
            XCTAssertEqual(shape?.dims.first?.value, .param("N"))
        } else { XCTFail("input type") }
    }

    func testExternalDataIsFollowedOnlyInsideTheModelFolder() throws {
        let m = try ModelLoader.load(path: fixtures.appendingPathComponent("feature_zoo.onnx").path)
        var e = try XCTUnwrap(m.graph.initializers.first { $0.name == "E" })
        XCTAssertTrue(e.isExternal)
        XCTAssertThrowsError(try e.doubleValues())  // not followed implicitly
        let payload = try ExternalData.load(e, modelDirectory: fixtures.path)
        XCTAssertEqual(try Tensor.decodeRaw(payload, type: .float), [3, 4])
        e.externalData = [StringPair(key: "location", value: "../../etc/passwd")]
        XCTAssertThrowsError(try ExternalData.load(e, modelDirectory: fixtures.path)) { err in
            guard case ExternalData.Failure.outsideModelFolder = err else { return XCTFail("\(err)") }
        }
        e.externalData = [StringPair(key: "location", value: "/etc/passwd")]
        XCTAssertThrowsError(try ExternalData.load(e, modelDirectory: fixtures.path))
    }

    func testTensorPayloadStaysASliceOfTheFile() throws {
        let m = try ModelLoader.load(path: fixtures.appendingPathComponent("light_inception_v1.onnx").path)
        let storage = try ModelLoader.map(path: fixtures.appendingPathComponent("feature_zoo.onnx").path)
        let zoo = try Model(decoding: storage)
        let w = try XCTUnwrap(zoo.graph.initializers.first { $0.name == "W" })
        XCTAssertTrue(w.rawData!.storage === storage)  // no copy was made
        XCTAssertEqual(try w.floatValues(), (0..<9).map(Float.init))
        XCTAssertGreaterThan(m.graph.nodes.count, 100)
    }

    func testSavingIsAtomicAndReadable() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("onnxnet-save-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try ModelLoader.load(path: fixtures.appendingPathComponent("test_if.onnx").path)
        let path = dir.appendingPathComponent("out.onnx").path
        try ModelLoader.save(m, to: path)
        XCTAssertEqual(try ModelLoader.load(path: path), m)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        XCTAssertEqual(leftovers, ["out.onnx"])
    }

    func testBadInputGivesTypedErrors() throws {
        let bytes = try Array(Data(contentsOf: fixtures.appendingPathComponent("light_bvlc_alexnet.onnx")))
        // Every truncation point either decodes or fails with a typed error naming a place.
        for cut in stride(from: 1, to: bytes.count, by: 7) {
            do { _ = try Model(decoding: Array(bytes[..<cut])) } catch let e as ProtoDecodingError {
                XCTAssertLessThanOrEqual(e.offset, cut)
            }
        }
        XCTAssertThrowsError(try ModelLoader.load(path: "/nonexistent/model.onnx")) { e in
            XCTAssertTrue("\(e)".contains("cannot open"))
        }
        XCTAssertThrowsError(try ModelLoader.load(path: fixtures.path)) { e in
            XCTAssertTrue("\(e)".contains("not a regular file"))
        }
    }

    func testErrorNamesTheFieldPath() throws {
        // A model whose 3rd node's 2nd attribute has a string with invalid UTF-8.
        var g = Graph()
        g.nodes = (0..<3).map { Node(opType: "Relu", inputs: ["x\($0)"], outputs: ["y\($0)"], attributes: [.int("a", 1), .string("ok", "v")]) }
        var bytes = Model(graph: g, opset: 17).serialized()
        // Replace the last attribute name "ok" with invalid UTF-8.
        let ok = Array("ok".utf8)
        let at = (0..<(bytes.count - 1)).last { bytes[$0] == ok[0] && bytes[$0 + 1] == ok[1] }!
        bytes[at] = 0xC3; bytes[at + 1] = 0x28
        XCTAssertThrowsError(try Model(decoding: bytes)) { e in
            let err = e as! ProtoDecodingError
            XCTAssertEqual(err.kind, .invalidUTF8)
            XCTAssertEqual(err.path.description, "graph.node[2].attribute[1]")
        }
    }

    func testShortFuzzRunNeverCrashes() throws {
        var corpus: [[UInt8]] = []
        for url in try fixtureFiles() { corpus.append(try Array(Data(contentsOf: url))) }
        var mutator = ByteMutator(seed: 1)
        var decoded = 0, rejected = 0
        for i in 0..<3000 {
            let (_, bytes) = mutator.mutate(corpus[i % corpus.count], donor: corpus[(i * 7) % corpus.count])
            do { let m = try Model(decoding: bytes); _ = ModelSummary(m); _ = m.serialized(); decoded += 1 } catch { rejected += 1 }
        }
        XCTAssertEqual(decoded + rejected, 3000)
        XCTAssertGreaterThan(rejected, 100)
    }
}
