import Foundation
import XCTest
import ONNXNetSupport
import ONNXProto
@testable import ONNXModel

/// `ModelView(decoding:)` reads the graph straight from the bytes; it must give what the full
/// decoder gives seen through `GraphView(_:)`, on every model the full decoder accepts.
final class GraphViewTests: XCTestCase {
    /// The repository (this file is Tests/ONNXModelTests/GraphViewTests.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Every `.onnx` file of the test fixtures and the examples.
    static func repositoryModels() -> [URL] {
        var found: [URL] = []
        for dir in ["Tests", "Examples"] {
            let enumerator = FileManager.default.enumerator(at: root.appendingPathComponent(dir), includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                if url.pathExtension == "onnx" { found.append(url) }
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    static func fixture(_ name: String) -> URL {
        root.appendingPathComponent("Tests/ONNXModelTests/Fixtures").appendingPathComponent(name)
    }

    func testEveryRepositoryModelGivesTheViewOfItsDecodedGraph() throws {
        let urls = Self.repositoryModels()
        XCTAssertGreaterThanOrEqual(urls.count, 22)
        XCTAssertEqual(try checkModels(urls), urls.count)
    }

    func testEveryONNXNodeTestModelGivesTheViewOfItsDecodedGraph() throws {
        let dir = "/usr/share/libonnx-testdata/data/node"
        guard let tests = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
            throw XCTSkip("\(dir) is not installed")
        }
        let urls = tests.sorted().map { URL(fileURLWithPath: dir).appendingPathComponent($0).appendingPathComponent("model.onnx") }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
        XCTAssertGreaterThan(try checkModels(urls), urls.count * 9 / 10)
    }

    /// Checks each model the full decoder accepts; returns how many that was.
    func checkModels(_ urls: [URL]) throws -> Int {
        var checked = 0
        for url in urls {
            let storage = try ModelLoader.map(path: url.path)
            guard let model = try? Model(decoding: storage) else { continue }
            do {
                assertSame(try ModelView(decoding: storage), model, url.lastPathComponent)
                checked += 1
            } catch {
                XCTFail("\(url.lastPathComponent): \(error)")
            }
        }
        return checked
    }

    /// Field orders no exporter writes: nodes after the graph's inputs and initializers, a
    /// node's outputs before its inputs and its name after its attributes, unpacked ints,
    /// repeated scalars (the last one wins), absent op_type and domain.
    func testUnusualFieldOrdersGiveTheSameViewAndIDs() throws {
        var g = ProtoWriter()
        g.writeMessage(11) { v in v.writeString(1, "x"); v.writeMessage(2) { TypeProto.tensor(.float, [1, 3]).encode(to: &$0) } }
        g.writeMessage(5) { t in t.writeInt64(1, 3); t.writeInt32(2, 1); t.writeString(8, "w"); t.writeBytes(9, [UInt8](repeating: 0, count: 12)) }
        g.writeMessage(1) { n in
            n.writeString(2, "y")
            n.writeString(1, "x")
            n.writeString(4, "Mul")
            n.writeMessage(5) { a in
                a.writeString(1, "k"); a.writeInt64(8, 1); a.writeInt64(8, 2); a.writePackedInt64(8, [3, 300])
                a.writeInt64(3, 1); a.writeInt64(3, -2); a.writeInt32(20, 7); a.writeFloat(2, 0.5)
                a.writeBytes(4, [1]); a.writeBytes(4, [0x61, 0x62]); a.writeString(13, "doc")
            }
            n.writeString(1, "w")
            n.writeString(3, "first")
            n.writeMessage(5) { a in a.writeFloat(7, 1); a.writePackedFloat(7, [2, .nan]) }
            n.writeString(3, "mul")
            n.writeString(6, "a doc string")
        }
        g.writeMessage(1) { n in n.writeString(1, "y"); n.writeString(1, ""); n.writeString(2, "z"); n.writeString(7, "com.example") }
        g.writeMessage(12) { v in v.writeString(1, "z") }
        g.writeMessage(13) { v in v.writeString(1, "y"); v.writeString(3, "doc") }
        var m = ProtoWriter()
        m.writeInt64(1, 9)
        m.writeMessage(7) { $0.writeRaw(ByteSlice(g.bytes)) }
        m.writeMessage(8) { $0.writeInt64(2, 17) }
        m.writeMessage(14) { p in p.writeString(1, "k"); p.writeString(2, "v") }
        let storage = ByteStorage(copying: m.bytes)
        let model = try Model(decoding: storage)
        let view = try ModelView(decoding: storage)
        assertSame(view, model, "handmade")
        let graph = view.graph
        XCTAssertEqual(graph.nodeName(0), "mul")
        XCTAssertEqual(graph.opType(1), "")
        XCTAssertEqual(graph.domain(1), "com.example")
        let k = try XCTUnwrap(graph.attributeIndex("k", ofNode: 0))
        XCTAssertEqual(Array(graph.ints(k)), [1, 2, 3, 300])
        XCTAssertEqual(graph.attributes[k].i, -2)
        XCTAssertEqual(graph.stringBytes(k).map(Array.init), [0x61, 0x62])
        XCTAssertTrue(graph.isEmptyName(at: graph.inputs(ofNode: 1).upperBound - 1))
        XCTAssertEqual(graph.initializerTensor(0)?.name, "w")
    }

    /// Errors come from the same reads as the full decoder's, with the same field paths.
    func testErrorsMatchTheFullDecoder() throws {
        // The 3rd node's 2nd attribute name is not UTF-8.
        var g = Graph()
        g.nodes = (0..<3).map { Node(opType: "Relu", inputs: ["x\($0)"], outputs: ["y\($0)"], attributes: [.int("a", 1), .string("ok", "v")]) }
        var bytes = Model(graph: g, opset: 17).serialized()
        let ok = Array("ok".utf8)
        let at = try XCTUnwrap((0..<(bytes.count - 1)).last { bytes[$0] == ok[0] && bytes[$0 + 1] == ok[1] })
        bytes[at] = 0xC3; bytes[at + 1] = 0x28
        assertSameError(ByteStorage(copying: bytes), .init(), expectedPath: "graph.node[2].attribute[1]")
        // A subgraph deeper than the limit: the attribute is decoded by the full decoder.
        let storage = try ModelLoader.map(path: Self.fixture("test_if.onnx").path)
        assertSameError(storage, ProtoDecodingOptions(maxDepth: 4), expectedPath: nil)
        // Without validation, the bad name is kept as the full decoder keeps it.
        let lax = ProtoDecodingOptions(validateUTF8: false)
        assertSame(try ModelView(decoding: ByteStorage(copying: bytes), options: lax),
                   try Model(decoding: ByteStorage(copying: bytes), options: lax), "lax")
    }

    func testLoadViewMapsErrorsLikeLoad() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("onnxnet-view-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("empty.onnx").path
        let garbage = dir.appendingPathComponent("garbage.onnx").path
        XCTAssertTrue(FileManager.default.createFile(atPath: empty, contents: Data()))
        XCTAssertTrue(FileManager.default.createFile(atPath: garbage, contents: Data([0x0A, 0x7F, 0x01])))
        for (path, expected) in [(empty, "empty file"), (garbage, "not a valid ONNX model"),
                                 ("/nonexistent/model.onnx", "cannot open"), (dir.path, "not a regular file")] {
            XCTAssertThrowsError(try ModelLoader.loadView(path: path)) { e in
                XCTAssertTrue(e is ModelIOError && "\(e)".contains(expected), "\(e)")
            }
        }
        let path = Self.fixture("light_inception_v1.onnx").path
        assertSame(try ModelLoader.loadView(path: path), try ModelLoader.load(path: path), "loadView")
    }

    /// Mutants of a few models: the view never crashes (nor do its lazy reads), and it
    /// decodes, to the same content, every mutant the full decoder accepts.
    func testMutatedModelsNeverCrashAndDecodeWheneverTheModelDoes() throws {
        let names = ["feature_zoo.onnx", "test_if.onnx", "test_loop11.onnx", "test_scan9_sum.onnx",
                     "light_bvlc_alexnet.onnx", "test_gemm_all_attributes.onnx"]
        let corpus = try names.map { try Array(Data(contentsOf: Self.fixture($0))) }
        var mutator = ByteMutator(seed: 11)
        var agreed = 0, rejected = 0
        for i in 0..<3000 {
            let (_, bytes) = mutator.mutate(corpus[i % corpus.count], donor: corpus[(i * 5 + 1) % corpus.count])
            let storage = ByteStorage(copying: bytes)
            let model = try? Model(decoding: storage)
            guard let view = try? ModelView(decoding: storage) else {
                XCTAssertNil(model, "mutant \(i): the full decoder accepts it, the view does not")
                rejected += 1
                continue
            }
            if let model {
                assertSame(view, model, "mutant \(i)")
                agreed += 1
            } else {
                // Accepted by the view alone (a skipped field is bad): its lazy reads still never trap.
                for a in view.graph.attributes.indices { _ = view.graph.attribute(a) }
                for t in view.graph.initializers.indices { _ = view.graph.initializerTensor(t) }
            }
        }
        // Seed 11 gives 289 mutants both accept, 2,664 both reject and 47 only the view accepts.
        XCTAssertGreaterThan(agreed, 200)
        XCTAssertGreaterThan(rejected, 1000)
    }

    // MARK: Comparison

    /// `view` against `GraphView(model.graph)`: the same nodes, names, attributes, declared
    /// values and initializers, and the same value ids (the view numbers them as
    /// `GraphValueIDs(graph)` does).
    func assertSame(_ view: ModelView, _ model: Model, _ what: String, line: UInt = #line) {
        XCTAssertEqual(view.irVersion, model.irVersion, what, line: line)
        XCTAssertEqual(view.opsetImports, model.opsetImports, what, line: line)
        XCTAssertEqual(view.metadataProps, model.metadataProps, what, line: line)
        let a = view.graph, b = GraphView(model.graph)
        XCTAssertEqual(a.ids.names.names, b.ids.names.names, what, line: line)
        XCTAssertEqual(a.nodeCount, b.nodeCount, what, line: line)
        guard a.nodeCount == b.nodeCount else { return }
        for n in 0..<a.nodeCount {
            let at = "\(what) node \(n)"
            XCTAssertEqual(a.opType(n), b.opType(n), at, line: line)
            XCTAssertEqual(a.domain(n), b.domain(n), at, line: line)
            XCTAssertEqual(a.nodeName(n), b.nodeName(n), at, line: line)
            XCTAssertEqual(a.inputs(ofNode: n).map(a.ids.id(at:)), b.inputs(ofNode: n).map(b.ids.id(at:)), at, line: line)
            XCTAssertEqual(a.outputs(ofNode: n).map(a.ids.id(at:)), b.outputs(ofNode: n).map(b.ids.id(at:)), at, line: line)
            XCTAssertEqual(a.inputs(ofNode: n).map { a.ids.names[a.ids.id(at: $0)] },
                           model.graph.nodes[n].inputs, at, line: line)
            XCTAssertEqual(a.outputs(ofNode: n).map { a.ids.names[a.ids.id(at: $0)] },
                           model.graph.nodes[n].outputs, at, line: line)
            XCTAssertEqual(a.attributes(ofNode: n).count, b.attributes(ofNode: n).count, at, line: line)
            for (x, y) in zip(a.attributes(ofNode: n), b.attributes(ofNode: n)) {
                XCTAssertEqual(a.attributeName(x), b.attributeName(y), at, line: line)
                XCTAssertEqual(a.attributes[x].kind, b.attributes[y].kind, at, line: line)
                XCTAssertEqual(Self.encoded(a.attribute(x)), Self.encoded(b.attribute(y)), "\(at) attribute \(a.attributeName(x))", line: line)
            }
        }
        for (ids, other) in [(a.ids.graphInputs, b.ids.graphInputs), (a.ids.initializers, b.ids.initializers),
                             (a.ids.graphOutputs, b.ids.graphOutputs), (a.ids.valueInfo, b.ids.valueInfo)] {
            XCTAssertEqual(ids, other, what, line: line)
        }
        XCTAssertEqual(a.ids.graphInputs.map { a.ids.names[$0] }, model.graph.inputs.map(\.name), what, line: line)
        XCTAssertEqual(a.ids.initializers.map { a.ids.names[$0] }, model.graph.initializers.map(\.name), what, line: line)
        XCTAssertEqual(a.inputTypes, b.inputTypes, what, line: line)
        XCTAssertEqual(a.outputTypes, b.outputTypes, what, line: line)
        XCTAssertEqual(a.valueInfoTypes, b.valueInfoTypes, what, line: line)
        XCTAssertEqual(a.initializers.count, b.initializers.count, what, line: line)
        for i in 0..<min(a.initializers.count, b.initializers.count) {
            XCTAssertEqual(a.initializers[i].dataType, b.initializers[i].dataType, what, line: line)
            XCTAssertEqual(Array(a.initializerDims(i)), Array(b.initializerDims(i)), what, line: line)
            XCTAssertEqual(a.initializerTensor(i).map(Self.encoded), b.initializerTensor(i).map(Self.encoded), "\(what) initializer \(i)", line: line)
        }
    }

    /// Both decoders throw the same error (kind, byte and field path).
    func assertSameError(_ storage: ByteStorage, _ options: ProtoDecodingOptions, expectedPath: String?, line: UInt = #line) {
        var full: ProtoDecodingError?
        XCTAssertThrowsError(try Model(decoding: storage, options: options), line: line) { full = $0 as? ProtoDecodingError }
        XCTAssertThrowsError(try ModelView(decoding: storage, options: options), line: line) { e in
            XCTAssertEqual(e as? ProtoDecodingError, full, line: line)
        }
        if let expectedPath { XCTAssertEqual(full?.path.description, expectedPath, line: line) }
    }

    /// An attribute's wire bytes without what the view drops (doc string, field presence,
    /// unknown fields): bit-exact, so NaN payloads compare equal.
    static func encoded(_ attribute: Attribute) -> [UInt8] {
        var a = attribute
        a.presence = FieldPresence()
        a.docString = ""
        a.unknownFields = UnknownFields()
        var w = ProtoWriter()
        a.encode(to: &w)
        return w.bytes
    }

    static func encoded(_ tensor: Tensor) -> [UInt8] {
        var w = ProtoWriter()
        tensor.encode(to: &w)
        return w.bytes
    }
}
