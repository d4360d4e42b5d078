import Foundation
import ONNXBench
import XCTest

/// The embedded label tables: counts, notations, provenance, and (when `../shared` is present)
/// value-by-value agreement with the public files they were derived from.
final class EmbeddedLabelsTests: XCTestCase {
    func testRecordCountsSpacesAndFlags() throws {
        let expected: [(EmbeddedLabelSet, Int, BenchSpace, NotationKind)] = [
            (.nb201, 15_625, .nb201, .nb201ArchitectureString),
            (.nb101Hashed, 20_001, .nb101, .nb101ModuleHash),
            (.nb101NASLib, 500, .nb101, .naslibNB101Tuple),
            (.nb201NASLib, 725, .nb201, .nb201ArchitectureString),
            (.nb301, 725, .nb301, .naslibDARTSGenotype),
        ]
        for (set, count, space, kind) in expected {
            let records = try EmbeddedLabels.load(set)
            XCTAssertEqual(records.count, count, "\(set)")
            XCTAssertEqual(set.recordCount, count)
            XCTAssertEqual(Set(records.map(\.space)), [space], "\(set)")
            XCTAssertEqual(Set(records.map(\.notationKind)), [kind], "\(set)")
            XCTAssertEqual(Set(records.map(\.notation)).count, count, "\(set): notations must be unique")
            XCTAssertEqual(records.map(\.sourceIndex), Array(0..<count), "\(set)")
            XCTAssertTrue(records.allSatisfy { $0.isSurrogateLabel == (set == .nb301) }, "\(set)")
            for record in records {
                let accuracy = try XCTUnwrap(record.accuracy, "\(set) #\(record.sourceIndex) lacks its primary label")
                XCTAssertTrue((0...100).contains(accuracy))
                XCTAssertTrue(record.labels.values.allSatisfy(\.isFinite))
            }
            let description = try EmbeddedLabels.tableDescription(set)
            XCTAssertTrue(description.contains(set.source.file), description)
            XCTAssertTrue(description.contains("sha256="), description)
        }
        XCTAssertEqual(try EmbeddedLabels.nb201().count, 15_625)
        XCTAssertEqual(try EmbeddedLabels.nb101Hashed().count, 20_001)
        XCTAssertEqual(try EmbeddedLabels.nb101NASLib().count, 500)
        XCTAssertEqual(try EmbeddedLabels.nb301().count, 725)
        XCTAssertEqual(try EmbeddedLabels.nb201NASLib().count, 725)
    }

    func testNB201BestCIFAR10AndNotation() throws {
        let records = try EmbeddedLabels.nb201()
        let best = try XCTUnwrap(records.max { $0.accuracy! < $1.accuracy! })
        XCTAssertEqual((best.accuracy! * 100).rounded() / 100, 94.37)
        XCTAssertEqual(best.primaryLabel, LabelKey.cifar10TestAccuracy200)
        XCTAssertEqual(Set(best.labels.keys), [LabelKey.cifar10TestAccuracy200, LabelKey.cifar100TestAccuracy200,
                                               LabelKey.imageNet16TestAccuracy200])
        let ops = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]
        for record in records {
            let groups = record.notation.dropFirst().dropLast().components(separatedBy: "|+|")
            XCTAssertEqual(groups.count, 3, record.notation)
            for (node, group) in groups.enumerated() {
                let edges = group.split(separator: "|")
                XCTAssertEqual(edges.count, node + 1, record.notation)
                for (source, edge) in edges.enumerated() {
                    let parts = edge.split(separator: "~")
                    XCTAssertTrue(ops.contains(String(parts[0])) && parts[1] == "\(source)", record.notation)
                }
            }
        }
        XCTAssertTrue(best.source.contains("nb201_cifar10_cifar100_imagenet16_test200.csv #\(best.sourceIndex)"))
        XCTAssertTrue(best.source.contains("MIT"))
    }

    func testNB201MatchesSharedCSVExactly() throws {
        let text = try sharedText("nb201_cifar10_cifar100_imagenet16_test200.csv")
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let records = try EmbeddedLabels.nb201()
        XCTAssertEqual(rows.count, records.count)
        for (row, record) in zip(rows, records) {
            XCTAssertEqual(record.notation, String(row[3]))
            // Bit-exact: the embedded doubles are the CSV's numbers.
            XCTAssertEqual(record.labels[LabelKey.cifar10TestAccuracy200], Double(row[0]))
            XCTAssertEqual(record.labels[LabelKey.cifar100TestAccuracy200], Double(row[1]))
            XCTAssertEqual(record.labels[LabelKey.imageNet16TestAccuracy200], Double(row[2]))
        }
    }

    func testNB101HashedMatchesShared() throws {
        let json = try sharedJSON("nb101/nb101_first20k_by_hash.json")
        let records = try EmbeddedLabels.nb101Hashed()
        XCTAssertEqual(records.map(\.notation), json["key"]?.array.compactMap(\.string))
        for epochs in [4, 12, 36, 108] {
            let source = try XCTUnwrap(json["\(epochs)_final_validation_accuracy"]).array.compactMap(\.number)
            XCTAssertEqual(source.count, records.count)
            for (record, fraction) in zip(records, source) {
                // Bit-exact: the embedded value is the source fraction, scaled to percent.
                XCTAssertEqual(record.labels["val_acc_\(epochs)ep"], fraction * 100)
            }
        }
        let params = try XCTUnwrap(json["trainable_parameters"]).array.compactMap(\.number)
        XCTAssertEqual(records.map { $0.labels[LabelKey.trainableParameters]! }, params)
        XCTAssertEqual(records.first?.primaryLabel, LabelKey.validationAccuracy108)
    }

    func testNB101NASLibMatchesShared() throws {
        let json = try sharedJSON("naslib/zc_nasbench101.json")  // skips when ../shared is absent
        let cells = try XCTUnwrap(json["nasbench101"]?["cifar10"]).pairs
        let records = try EmbeddedLabels.nb101NASLib()
        // Same keys in the same order: the record's sourceIndex is its position in the file.
        XCTAssertEqual(records.map(\.notation), cells.map(\.0))
        for (record, (_, entry)) in zip(records, cells) {
            XCTAssertEqual(record.labels[LabelKey.validationAccuracy108], entry["val_accuracy"]?.number)
            XCTAssertEqual(record.labels[LabelKey.paramsMillions], entry["params"]?.number)
            XCTAssertEqual(record.labels[LabelKey.flopsMillions], entry["flops"]?.number)
        }
    }

    func testNB101RawSpecRoundTripAndErrors() throws {
        for record in try EmbeddedLabels.nb101NASLib() {
            let spec = try NB101RawSpec(naslibKey: record.notation)
            XCTAssertEqual(spec.naslibKey, record.notation)
            XCTAssertEqual(spec.matrix.count, 7)
            XCTAssertEqual(spec.operations.first, "input")
            XCTAssertEqual(spec.operations.last, "output")
            for r in 0..<7 { for c in 0...r { XCTAssertEqual(spec.matrix[r][c], 0) } }
        }
        let first = try XCTUnwrap(try EmbeddedLabels.nb101NASLib().first)
        let spec = try NB101RawSpec(naslibKey: first.notation)
        // The first NASLib cell, read off its key by hand.
        XCTAssertEqual(spec.matrix[0], [0, 1, 1, 1, 1, 0, 1])
        XCTAssertEqual(spec.operations, ["input", "maxpool3x3", "maxpool3x3", "conv3x3-bn-relu", "conv3x3-bn-relu",
                                         "conv3x3-bn-relu", "output"])
        XCTAssertThrowsError(try NB101RawSpec(naslibKey: "(0, 1)"))
        XCTAssertThrowsError(try NB101RawSpec(naslibKey: "0, 1"))
        XCTAssertThrowsError(try NB101RawSpec(naslibKey: "(" + Array(repeating: "0", count: 55).joined(separator: ", ") + ", 9)"))
        XCTAssertThrowsError(try NB101RawSpec(naslibKey: "(" + Array(repeating: "x", count: 56).joined(separator: ", ") + ")"))
    }

    func testNB301MatchesSharedAndIsFlagged() throws {
        let json = try sharedJSON("naslib/zc_nasbench301.json")  // skips when ../shared is absent
        let cells = try XCTUnwrap(json["cifar10"]).pairs
        let records = try EmbeddedLabels.nb301()
        XCTAssertEqual(records.map(\.notation), cells.map(\.0))
        for (record, (_, entry)) in zip(records, cells) {
            XCTAssertTrue(record.isSurrogateLabel)
            XCTAssertTrue(record.source.contains("surrogate"))
            XCTAssertEqual(record.labels[LabelKey.nb301SurrogateValidationAccuracy], entry["val_accuracy"]?.number)
            XCTAssertEqual(record.labels[LabelKey.paramsMillions], entry["params"]?["score"]?.number)
            XCTAssertEqual(record.labels[LabelKey.flopsMillions], entry["flops"]?["score"]?.number)
        }
        XCTAssertEqual(EmbeddedLabels.nb301Operations.count, 7)
    }

    func testNB201NASLibMatchesSharedAndOfficialTable() throws {
        let json = try sharedJSON("naslib/zc_nasbench201.json")
        let records = try EmbeddedLabels.nb201NASLib()
        // NASLib keys are 6-tuples over edges (1,2),(1,3),(1,4),(2,3),(2,4),(3,4) with its own op order.
        let naslibOps = ["skip_connect", "none", "nor_conv_3x3", "nor_conv_1x1", "avg_pool_3x3"]
        func naslibKey(_ architecture: String) -> String {
            let tokens = architecture.split(separator: "|").filter { $0 != "+" }.map { String($0.split(separator: "~")[0]) }
            let edgeOrder = [0, 1, 3, 2, 4, 5]
            return "(" + edgeOrder.map { String(naslibOps.firstIndex(of: tokens[$0])!) }.joined(separator: ", ") + ")"
        }
        XCTAssertEqual(records.map { naslibKey($0.notation) }, try XCTUnwrap(json["cifar10"]).pairs.map(\.0))
        for (dataset, prefix) in [("cifar10", "cifar10"), ("cifar100", "cifar100"), ("ImageNet16-120", "imagenet16_120")] {
            let entries = Dictionary(uniqueKeysWithValues: try XCTUnwrap(json[dataset]).pairs)
            for record in records {
                guard let entry = entries[naslibKey(record.notation)] else {
                    XCTAssertNil(record.labels["\(prefix)_val_acc"], "\(record.notation) has no \(dataset) entry")
                    continue
                }
                XCTAssertEqual(record.labels["\(prefix)_val_acc"], entry["val_accuracy"]?.number)
                XCTAssertEqual(record.labels["\(prefix)_params_m"], entry["params"]?["score"]?.number)
                XCTAssertEqual(record.labels["\(prefix)_flops_m"], entry["flops"]?["score"]?.number)
            }
        }
        XCTAssertEqual(records.filter { $0.labels[LabelKey.imageNet16ValidationAccuracy] == nil }.count, 1)

        // Independent check of the tuple -> string mapping: with the right mapping NASLib's
        // validation accuracies track the official test accuracies of the same strings.
        let official = Dictionary(uniqueKeysWithValues: try EmbeddedLabels.nb201().map { ($0.notation, $0.accuracy!) })
        let pairs = records.map { ($0.accuracy!, official[$0.notation]!) }
        XCTAssertGreaterThan(pearson(pairs), 0.95)
    }

    func testLoadingIsFast() throws {
        var best = Double.infinity
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try EmbeddedLabels.nb201()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        print("EmbeddedLabels.nb201(): \(best) ms (best of 3)")
        // Generous for debug builds; release measures a few milliseconds.
        XCTAssertLessThan(best, 1_000)
    }

    // MARK: helpers

    private func sharedPath(_ relative: String) throws -> String {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir = dir.deletingLastPathComponent()
        }
        let path = dir.appendingPathComponent("../shared/data/" + relative).standardized.path
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("../shared/data/\(relative) not present") }
        return path
    }

    private func sharedText(_ relative: String) throws -> String {
        try String(contentsOfFile: try sharedPath(relative), encoding: .utf8)
    }

    private func sharedJSON(_ relative: String) throws -> SourceJSON {
        try SourceJSON.parse([UInt8](Data(contentsOf: URL(fileURLWithPath: try sharedPath(relative)))))
    }

    private func pearson(_ pairs: [(Double, Double)]) -> Double {
        let n = Double(pairs.count)
        let mx = pairs.map(\.0).reduce(0, +) / n, my = pairs.map(\.1).reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (x, y) in pairs {
            sxy += (x - mx) * (y - my)
            sxx += (x - mx) * (x - mx)
            syy += (y - my) * (y - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }
}
