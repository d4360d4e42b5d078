import Foundation
import XCTest
import ONNXModel
import ONNXNetSupport
import ONNXProto
@testable import ONNXNetEncoding

/// `encode` reads files it does not canonicalise as a `ModelView` (the fast path); every
/// encoding, warnings included, must be what the decoded `Model` gives, on real models and on
/// mutants of them that both decoders accept.
final class ViewEncodingTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The repository's models, and the ONNX node tests when installed.
    static func corpus() throws -> [[UInt8]] {
        var paths: [String] = []
        for dir in ["Tests", "Examples"] {
            let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent(dir).path)
            while let p = enumerator?.nextObject() as? String {
                if p.hasSuffix(".onnx") { paths.append(root.appendingPathComponent(dir).appendingPathComponent(p).path) }
            }
        }
        let node = "/usr/share/libonnx-testdata/data/node"
        for t in (try? FileManager.default.contentsOfDirectory(atPath: node)) ?? [] { paths.append(node + "/" + t + "/model.onnx") }
        return paths.sorted().compactMap { p in
            guard let s = try? ModelLoader.map(path: p) else { return nil }
            return withExtendedLifetime(s) { Array(s.bytes) }
        }
    }

    /// The corpus, then `count` mutants of it (each spliced with a donor from it).
    static func corpusAndMutants(_ corpus: [[UInt8]], count: Int, seed: UInt64) -> [[UInt8]] {
        var mutator = ByteMutator(seed: seed)
        var pick = SeededGenerator(seed: seed + 1)
        var inputs = corpus
        for _ in 0..<count {
            inputs.append(mutator.mutate(corpus[pick.below(corpus.count)], donor: corpus[pick.below(corpus.count)]).1)
        }
        return inputs
    }

    func testViewAndModelGiveTheSameEncodings() throws {
        let corpus = try Self.corpus()
        XCTAssertGreaterThanOrEqual(corpus.count, 20)
        var compared = 0
        for bytes in Self.corpusAndMutants(corpus, count: 1500, seed: 7) {
            guard let model = try? Model(decoding: bytes) else { continue }
            let view: ModelView
            do { view = try ModelView(decoding: ByteStorage(copying: bytes)) } catch {
                XCTFail("the view rejects a model the full decoder accepts: \(error)")
                continue
            }
            let expected = ONNXNetEncoder.encodeAll(model), got = ONNXNetEncoder.encodeAll(view)
            for v in EncodingVariant.allCases where expected[v] != got[v] {
                XCTFail("\(v.rawValue) differs:\n\(expected[v]?.text ?? "")\n---\n\(got[v]?.text ?? "")")
            }
            compared += 1
        }
        XCTAssertGreaterThan(compared, corpus.count / 2)
    }
}
