@testable import Surrogate
import XCTest

/// Saving and loading surrogates: exact round trip, and clear errors for damaged files.
final class ModelFileTests: XCTestCase {
    /// A small ensemble with one member of every kind.
    func smallModel(seed: UInt64 = 0, threads: Int = 1) throws -> SurrogateModel {
        let d = SyntheticData.make(count: 120, seed: 11)
        var h = RankerHyperparameters()
        h.treeCount = 30
        h.mlpSteps = 100
        h.mlpHidden = 16
        var config = SurrogateConfig(members: [.init(.ridge), .init(.boostedTrees, count: 2), .init(.pairwiseMLP)],
                                     hyperparameters: h, designColumns: 8, seed: seed, threads: threads)
        config.crossValidateWeights = false
        return try Surrogate.train(features: d.features, accuracies: d.targets, config: config, description: "test model")
    }

    func testRoundTripGivesIdenticalPredictions() throws {
        let model = try smallModel()
        let bytes = model.serialized()
        let loaded = try SurrogateModel(bytes: bytes)
        XCTAssertEqual(loaded.serialized(), bytes)
        XCTAssertEqual(loaded.info, model.info)
        XCTAssertEqual(loaded.features, model.features)
        XCTAssertEqual(loaded.memberKinds, [.ridge, .boostedTrees, .boostedTrees, .pairwiseMLP])
        let probe = SyntheticData.make(count: 50, seed: 12).features
        for v in probe { XCTAssertEqual(loaded.predict(features: v), model.predict(features: v)) }
        // And through a file.
        let path = NSTemporaryDirectoryPath() + "/surrogate-\(UInt32.random(in: 0...UInt32.max)).onnxnet"
        defer { unlink(path) }
        try model.write(to: path)
        let fromFile = try SurrogateModel(path: path)
        XCTAssertEqual(fromFile.serialized(), bytes)
    }

    func testDamagedFilesGiveClearErrors() throws {
        let bytes = try smallModel().serialized()
        XCTAssertThrowsError(try SurrogateModel(bytes: Array("not a model".utf8))) {
            XCTAssertEqual($0 as? SurrogateFileError, .notASurrogateFile)
        }
        XCTAssertThrowsError(try SurrogateModel(bytes: [])) {
            XCTAssertEqual($0 as? SurrogateFileError, .notASurrogateFile)
        }
        var version = bytes
        version[8] = 99
        XCTAssertThrowsError(try SurrogateModel(bytes: version)) {
            XCTAssertEqual($0 as? SurrogateFileError, .unsupportedVersion(found: 99, supported: SurrogateModel.fileFormatVersion))
        }
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x40
        XCTAssertThrowsError(try SurrogateModel(bytes: flipped)) {
            XCTAssertEqual($0 as? SurrogateFileError, .checksumMismatch)
        }
        for cut in [9, 20, bytes.count / 3, bytes.count - 1] {
            XCTAssertThrowsError(try SurrogateModel(bytes: Array(bytes.prefix(cut)))) { error in
                guard case .truncated? = error as? SurrogateFileError else {
                    return XCTFail("cut at \(cut): \(error)")
                }
            }
        }
        XCTAssertThrowsError(try SurrogateModel(path: "/nonexistent/model.onnxnet")) { error in
            guard case .cannotRead? = error as? SurrogateFileError else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("/nonexistent/model.onnxnet"))
        }
    }

    func testDamagedPayloadWithValidChecksumIsRejected() throws {
        // Rewrite a tree child index to point backwards, then fix the checksum: the reader
        // must still refuse it (a loop would hang prediction).
        let model = try smallModel()
        let bytes = model.serialized()
        var payload = Array(bytes[20..<(bytes.count - 4)])
        // Corrupt the member count section tag to something else.
        if let i = findSubsequence(payload, Array("members".utf8)) { payload[i] = UInt8(ascii: "M") }
        var w = BinaryWriter()
        w.raw(Array(bytes[0..<20]))
        w.raw(payload)
        w.u32(CRC32.checksum(payload[...]))
        XCTAssertThrowsError(try SurrogateModel(bytes: w.bytes)) { error in
            guard case .invalid? = error as? SurrogateFileError else { return XCTFail("\(error)") }
        }
    }

    func testTrainingIsDeterministicGivenSeed() throws {
        let a = try smallModel(seed: 5, threads: 1).serialized()
        let b = try smallModel(seed: 5, threads: 2).serialized()
        XCTAssertEqual(a, b, "same seed, different thread count: same model")
        let c = try smallModel(seed: 6, threads: 2).serialized()
        XCTAssertNotEqual(a, c)
    }

    func testPredictionFields() throws {
        let model = try smallModel()
        let p = model.predict(features: SyntheticData.make(count: 1, seed: 99).features[0])
        XCTAssertTrue(p.predictedAccuracy.isFinite && p.uncertainty >= 0 && p.oodScore >= 0)
        XCTAssertTrue(model.info.accuracyRange.contains(p.predictedAccuracy))
        // A vector far away from the training data is out of distribution.
        var far = SyntheticData.make(count: 1, seed: 98).features[0]
        far.dense = far.dense.map { $0 + 50 }
        XCTAssertTrue(model.predict(features: far).outOfDistribution)
    }

    func findSubsequence(_ a: [UInt8], _ b: [UInt8]) -> Int? {
        guard a.count >= b.count else { return nil }
        for i in 0...(a.count - b.count) where Array(a[i..<(i + b.count)]) == b { return i }
        return nil
    }
}

#if canImport(Glibc)
import Glibc
#endif

func NSTemporaryDirectoryPath() -> String {
    if let t = getenv("TMPDIR") { return String(cString: t) }
    return "/tmp"
}
