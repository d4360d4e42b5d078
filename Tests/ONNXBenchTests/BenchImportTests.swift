import Foundation
import ONNXBench
import ONNXModel
import XCTest

/// `bench import`: validation with line numbers, all or nothing, the three input kinds.
final class BenchImportTests: XCTestCase {
    private let cells = [
        "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|",
        "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|",
        "|none~0|+|none~0|none~1|+|none~0|none~1|skip_connect~2|",
    ]

    func testNotationCSVImportsBuildsAndIndexes() throws {
        let dir = try makeTemporaryDirectory(self)
        let csv = dir + "/labels.csv"
        // Header with a BOM and CRLF, an official index instead of a string, a natssss row.
        try writeText("\u{FEFF}space,notation,accuracy,source\r\nnb201,\"\(cells[0])\",93.5,my run\r\nnb201,123,88.25,\r\nnats-sss,8:16:24:32:64,71.0,sss run\r\n",
                      to: csv)
        let out = dir + "/bench"
        let summary = try BenchImport.run(input: csv, options: .init(directory: out, jobs: 2))
        XCTAssertEqual(summary.kind, .notationCSV)
        XCTAssertEqual(summary.imported, 3)
        XCTAssertEqual(summary.indexedRecords, 3)
        let index = try BenchIndex.read(directory: out)
        XCTAssertEqual(index.map(\.name), ["nats-sss_" + natsIndex("8:16:24:32:64"), "nb201_00001", "nb201_00123"].sorted())
        let byName = Dictionary(uniqueKeysWithValues: index.map { ($0.name, $0) })
        XCTAssertEqual(byName["nb201_00001"]?.accuracy, 93.5)
        XCTAssertEqual(byName["nb201_00001"]?.source, "my run")
        XCTAssertEqual(byName["nb201_00123"]?.source, "imported from \(csv) line 3")
        let model = try ModelLoader.load(path: out + "/nb201/nb201_00001.onnx")
        XCTAssertEqual(model.metadataProps.first?.key, "accuracy")
        XCTAssertEqual(model.metadataProps.first?.value, "93.5")
    }

    private func natsIndex(_ notation: String) -> String {
        // Same rule as BenchNaming: the official index, 5 digits.
        let t = try! BenchNaming.name(space: "nats-sss", canonicalNotation: notation)
        return String(t.dropFirst("nats-sss_".count))
    }

    func testBadRowsAreAllReportedWithLineNumbersAndNothingIsImported() throws {
        let dir = try makeTemporaryDirectory(self)
        let out = dir + "/bench"
        // A bench that already holds one file must be left exactly as it was.
        _ = try BenchBuilder.build(try firstNB201Records(1), options: BenchBuildOptions(directory: out, jobs: 1))
        let before = listing(out + "/nb201")
        let indexBefore = try String(contentsOfFile: out + "/index.csv", encoding: .utf8)
        let csv = dir + "/bad.csv"
        try writeText("""
        space,notation,accuracy
        nb201,"\(cells[0])",93.5
        nb999,x,50
        nb201,|nor_conv_9x9~0|,50
        nb201,"\(cells[1])",ninety
        nb201,"\(cells[2])",150
        nb201,"\(cells[0])",91
        nb201,"\(cells[1])",80

        """, to: csv)
        XCTAssertThrowsError(try BenchImport.run(input: csv, options: .init(directory: out, jobs: 2))) { error in
            guard case let BenchError.invalidInput(_, problems) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(problems.map(\.line), [3, 4, 5, 6, 7])
            XCTAssertTrue(problems[0].message.contains("unknown space 'nb999'"), problems[0].message)
            XCTAssertTrue(problems[1].message.contains("invalid nb201 notation"), problems[1].message)
            XCTAssertTrue(problems[2].message.contains("'ninety' is not a number"), problems[2].message)
            XCTAssertTrue(problems[3].message.contains("outside 0...100"), problems[3].message)
            XCTAssertTrue(problems[4].message.contains("repeats the architecture of line 2"), problems[4].message)
            XCTAssertTrue("\(error)".contains("5 bad entries, nothing imported"), "\(error)")
        }
        XCTAssertEqual(listing(out + "/nb201"), before)
        XCTAssertEqual(try String(contentsOfFile: out + "/index.csv", encoding: .utf8), indexBefore)
        XCTAssertFalse(listing(out).contains { $0.hasPrefix(".import") }, "no staging folder left")
    }

    func testSyntaxErrorsAndUnknownHeadersAreClear() throws {
        let dir = try makeTemporaryDirectory(self)
        try writeText("space,notation,accuracy\nnb201,\"unterminated,1\n", to: dir + "/a.csv")
        XCTAssertThrowsError(try BenchImport.run(input: dir + "/a.csv", options: .init(directory: dir + "/b"))) {
            XCTAssertEqual("\($0)", "\(dir)/a.csv:2: unterminated quoted field (a '\"' opened here is never closed)")
        }
        try writeText("arch,acc\nx,1\n", to: dir + "/c.csv")
        XCTAssertThrowsError(try BenchImport.run(input: dir + "/c.csv", options: .init(directory: dir + "/b"))) {
            XCTAssertTrue("\($0)".contains("c.csv:1: unknown header arch,acc"), "\($0)")
        }
        XCTAssertThrowsError(try BenchImport.run(input: dir + "/missing.csv", options: .init(directory: dir + "/b")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/b/nb201"))
    }

    func testONNXDirectoryImportKeepsAccuraciesAndNames() throws {
        let dir = try makeTemporaryDirectory(self)
        let records = try firstNB201Records(4)
        _ = try BenchBuilder.build(records, options: BenchBuildOptions(directory: dir + "/ours", jobs: 2))
        // A foreign layout: a folder named like the reference's, files whose only metadata is
        // an accuracy under another key (the reference reads the first entry).
        let foreign = dir + "/official/nasbench201"
        try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
        var model = try ModelLoader.load(path: dir + "/ours/" + records[0].relativePath)
        model.metadataProps = [StringPair(key: "val_acc", value: "77.5")]
        try ModelLoader.save(model, to: foreign + "/42.onnx")

        let fromOurs = try BenchImport.run(input: dir + "/ours", options: .init(directory: dir + "/copy"))
        XCTAssertEqual(fromOurs.kind, .onnxDirectory)
        XCTAssertEqual(try BenchIndex.read(directory: dir + "/copy").map(\.name), records.map(\.name))
        XCTAssertEqual(try BenchIndex.read(directory: dir + "/copy").map(\.accuracy), records.map(\.accuracy))

        _ = try BenchImport.run(input: dir + "/official", options: .init(directory: dir + "/copy"))
        let index = try BenchIndex.read(directory: dir + "/copy")
        XCTAssertEqual(index.count, 5)
        let imported = try XCTUnwrap(index.first { $0.name == "42" })
        XCTAssertEqual(imported.space, "nb201")
        XCTAssertEqual(imported.accuracy, 77.5)
        let copied = try ModelLoader.load(path: dir + "/copy/nb201/42.onnx")
        XCTAssertEqual(copied.metadataProps[0].key, "accuracy")
        XCTAssertTrue(copied.metadataProps.contains(StringPair(key: "val_acc", value: "77.5")), "original metadata kept after ours")
    }

    func testONNXDirectoryImportIsAllOrNothing() throws {
        let dir = try makeTemporaryDirectory(self)
        let records = try firstNB201Records(2)
        _ = try BenchBuilder.build(records, options: BenchBuildOptions(directory: dir + "/src", jobs: 1))
        try writeText("not onnx", to: dir + "/src/nb201/broken.onnx")
        var model = try ModelLoader.load(path: dir + "/src/" + records[0].relativePath)
        model.metadataProps = []
        try ModelLoader.save(model, to: dir + "/src/nb201/nolabel.onnx")
        XCTAssertThrowsError(try BenchImport.run(input: dir + "/src", options: .init(directory: dir + "/dst"))) { error in
            guard case let BenchError.invalidInput(_, problems) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(problems.map(\.file), ["nb201/broken.onnx", "nb201/nolabel.onnx"])
            XCTAssertTrue(problems[1].message.contains("no accuracy"), problems[1].message)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/dst/nb201"))
    }

    func testReferenceCSVImportKeepsEncodingsAndMergesByName() throws {
        let dir = try makeTemporaryDirectory(self)
        let out = dir + "/bench"
        let rows = [
            ReferenceCSV.Row(encoding: "Conv(Value0)\nRelu(Value1)", accuracy: "91.5", dataset: "nasbench201", name: "7"),
            ReferenceCSV.Row(encoding: "Gemm(\"x, y\")", accuracy: "40", dataset: "cifar10", name: "seed=0_3"),
        ]
        try writeText(ReferenceCSV.text(rows), to: dir + "/ref.csv")
        // `cifar10` is not a space: the whole file is refused until --space says which.
        XCTAssertThrowsError(try BenchImport.run(input: dir + "/ref.csv", options: .init(directory: out))) { error in
            guard case let BenchError.invalidInput(_, problems) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(problems.map(\.line), [4])
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/encodings.csv"))

        try writeText(ReferenceCSV.text([rows[0]]), to: dir + "/ref1.csv")
        let summary = try BenchImport.run(input: dir + "/ref1.csv", options: .init(directory: out))
        XCTAssertEqual(summary.kind, .referenceCSV)
        try writeText(ReferenceCSV.text([rows[1]]), to: dir + "/ref2.csv")
        _ = try BenchImport.run(input: dir + "/ref2.csv", options: .init(directory: out, space: "einspace"))
        let stored = try ReferenceCSV.read(CSVReader(path: out + "/encodings.csv"), name: "e").map(\.row)
        XCTAssertEqual(stored.map(\.name), ["7", "seed=0_3"])
        XCTAssertEqual(stored.map(\.dataset), ["nas201nats", "einspace"], "stored under the training script's task names")
        XCTAssertEqual(stored[0].encoding, rows[0].encoding)
        XCTAssertEqual(stored[1].accuracy, "40.0")
        // Importing the same name again replaces the row.
        var changed = rows[0]
        changed.accuracy = "92"
        try writeText(ReferenceCSV.text([changed]), to: dir + "/ref3.csv")
        _ = try BenchImport.run(input: dir + "/ref3.csv", options: .init(directory: out))
        let again = try ReferenceCSV.read(CSVReader(path: out + "/encodings.csv"), name: "e").map(\.row)
        XCTAssertEqual(again.map(\.name), ["seed=0_3", "7"])
        XCTAssertEqual(again[1].accuracy, "92.0")
    }
}
