import Foundation
import ONNXBench
import ONNXModel
import SearchSpaces
import XCTest

/// `bench build`: files, metadata, index, resuming after an interruption, sharding.
final class BenchBuildTests: XCTestCase {
    func testBuildWritesOneFilePerRecordWithAccuracyFirstAndAnIndex() throws {
        let dir = try makeTemporaryDirectory(self)
        let records = try firstNB201Records(20)
        let summary = try BenchBuilder.build(records, options: BenchBuildOptions(directory: dir, jobs: 2))
        XCTAssertEqual(summary.assigned, 20)
        XCTAssertEqual(summary.written, 20)
        XCTAssertEqual(summary.skipped, 0)
        XCTAssertTrue(summary.failures.isEmpty, "\(summary.failures)")
        XCTAssertEqual(summary.indexedRecords, 20)
        XCTAssertEqual(listing(dir), ["index.csv", "nb201"])
        XCTAssertEqual(listing(dir + "/nb201"), records.map { $0.name + ".onnx" }.sorted())

        let first = records[1]
        let model = try ModelLoader.load(path: dir + "/" + first.relativePath)
        XCTAssertEqual(model.metadataProps.first?.key, "accuracy")
        XCTAssertEqual(Double(model.metadataProps[0].value), first.accuracy)
        let meta = Dictionary(model.metadataProps.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(meta["space"], "nb201")
        XCTAssertEqual(meta["notation"], first.notation)
        XCTAssertEqual(meta["surrogate_label"], "false")
        XCTAssertEqual(meta["weights"], "none")
        XCTAssertTrue(meta["source"]!.contains("nb201_cifar10_cifar100_imagenet16_test200.csv #1"), meta["source"]!)
        XCTAssertFalse(model.graph.nodes.isEmpty)

        let index = try BenchIndex.read(directory: dir)
        XCTAssertEqual(index.map(\.name), records.map(\.name).sorted())
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: index.map { ($0.name, $0.accuracy) }),
                       Dictionary(uniqueKeysWithValues: records.map { ($0.name, $0.accuracy) }))
        XCTAssertEqual(Set(index.map(\.notation)), Set(records.map(\.notation)))
    }

    func testInterruptedRunIsCompletedByARerunWithoutDuplicatesOrPartialFiles() throws {
        let dir = try makeTemporaryDirectory(self)
        let records = try firstNB201Records(20)
        _ = try BenchBuilder.build(records, options: BenchBuildOptions(directory: dir, jobs: 2))

        // Simulate an interruption: no index yet, a temporary file of a dead writer, a file
        // never written, and a damaged one (which an atomic writer cannot produce, but a disk can).
        try FileManager.default.removeItem(atPath: dir + "/index.csv")
        let stale = dir + "/nb201/.\(records[3].name).onnx.tmp.999999999.12345"
        try writeText("half a model", to: stale)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: stale)
        try FileManager.default.removeItem(atPath: dir + "/" + records[5].relativePath)
        try writeText("garbage", to: dir + "/" + records[7].relativePath)

        let summary = try BenchBuilder.build(records, options: BenchBuildOptions(directory: dir, jobs: 2))
        XCTAssertEqual(summary.written, 2, "the missing and the damaged file")
        XCTAssertEqual(summary.skipped, 18)
        XCTAssertEqual(summary.staleTemporaryFilesRemoved, 1)
        XCTAssertEqual(summary.indexedRecords, 20)
        XCTAssertEqual(listing(dir + "/nb201"), records.map { $0.name + ".onnx" }.sorted())
        let index = try BenchIndex.read(directory: dir)
        XCTAssertEqual(index.count, 20)
        XCTAssertEqual(Set(index.map(\.name)).count, 20)
        for r in records { XCTAssertNoThrow(try ModelLoader.load(path: dir + "/" + r.relativePath)) }
    }

    func testChangedLabelsOrWeightsRewriteTheFile() throws {
        let dir = try makeTemporaryDirectory(self)
        var records = try firstNB201Records(3)
        _ = try BenchBuilder.build(records, options: BenchBuildOptions(directory: dir, jobs: 1))
        records[0].accuracy = 12.5
        let again = try BenchBuilder.build(records, options: BenchBuildOptions(directory: dir, jobs: 1))
        XCTAssertEqual(again.written, 1)
        XCTAssertEqual(again.skipped, 2)
        XCTAssertEqual(try ModelLoader.load(path: dir + "/" + records[0].relativePath).metadataProps[0].value, "12.5")
        let weighted = try BenchBuilder.build(records, options: BenchBuildOptions(directory: dir, jobs: 1, weights: .random(seed: 1)))
        XCTAssertEqual(weighted.written, 3)
    }

    func testShardsPartitionTheWorkExactly() throws {
        let dir = try makeTemporaryDirectory(self)
        let records = try firstNB201Records(20)
        var seen: [String] = []
        for k in 1...3 {
            let shard = try ShardSpec(parsing: "\(k)/3")
            let before = Set(listing(dir + "/nb201"))
            let summary = try BenchBuilder.build(records, options: BenchBuildOptions(directory: dir, shard: shard, jobs: 2))
            let added = Set(listing(dir + "/nb201")).subtracting(before)
            XCTAssertEqual(summary.written, added.count)
            XCTAssertEqual(summary.assigned, [7, 7, 6][k - 1])
            XCTAssertEqual(shard.share(of: 20), summary.assigned)
            XCTAssertTrue(Set(seen).isDisjoint(with: added))
            seen += added
            // The index always covers every shard finished so far.
            XCTAssertEqual(try BenchIndex.read(directory: dir).count, seen.count)
        }
        XCTAssertEqual(Set(seen), Set(records.map { $0.name + ".onnx" }))
        XCTAssertEqual(seen.count, 20)
        // Membership depends only on the order of the records' paths, not on the input order.
        XCTAssertTrue((0..<20).allSatisfy { i in (1...3).filter { try! ShardSpec(index: $0, count: 3).owns(i) }.count == 1 })
    }

    func testShardParsingRejectsNonsense() {
        for bad in ["0/3", "4/3", "1/0", "a/b", "1", "1/2/3", "-1/2"] {
            XCTAssertThrowsError(try ShardSpec(parsing: bad), bad)
        }
        XCTAssertEqual(try ShardSpec(parsing: "2/5").description, "2/5")
    }

    func testNamesFollowTheArchitecture() throws {
        let records = try firstNB201Records(3)
        XCTAssertEqual(records.map(\.name), ["nb201_00000", "nb201_00001", "nb201_00002"])
        XCTAssertEqual(try BenchNaming.name(space: "nb201", canonicalNotation: records[2].notation), "nb201_00002")
        let config = try NATSChannelConfig(parsing: "64:8:16:8:64")
        let natsName = try BenchNaming.name(space: "nats-sss", canonicalNotation: config.notation)
        XCTAssertEqual(natsName, "nats-sss_" + String(repeating: "0", count: 5 - String(config.index).count) + String(config.index))
        let a = try BenchNaming.name(space: "nb301", canonicalNotation: "x"), b = try BenchNaming.name(space: "nb301", canonicalNotation: "y")
        XCTAssertNotEqual(a, b)
        XCTAssertTrue(a.hasPrefix("nb301_") && a.count == 6 + 16)
    }

    func testEmbeddedNB301RecordsAreFlaggedAsSurrogateLabels() throws {
        let (records, report) = try EmbeddedBench.records(space: "nb301")
        XCTAssertEqual(records.count + report.duplicatesDropped.values.reduce(0, +), 725)
        XCTAssertTrue(records.allSatisfy(\.isSurrogateLabel))
        XCTAssertEqual(Set(records.map(\.name)).count, records.count)
        XCTAssertThrowsError(try EmbeddedBench.records(space: "einspace"))
    }
}
