import Foundation
import ONNXBench
import XCTest

/// Damaged label tables must give typed errors that say what and where, never a crash.
final class LabelResourceErrorTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "onnxbench-labels-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Writes a table in the documented format (see scripts/make_labels.py).
    private func table(rows: Int, columns: [(String, UInt8, UInt32, [UInt8])], description: String = "test") -> [UInt8] {
        var out = Array("ONNXLBL1".utf8)
        func u32(_ v: UInt32) { out += [UInt8(v & 0xff), UInt8(v >> 8 & 0xff), UInt8(v >> 16 & 0xff), UInt8(v >> 24)] }
        u32(UInt32(rows))
        u32(UInt32(columns.count))
        u32(UInt32(description.utf8.count))
        out += Array(description.utf8)
        for (name, kind, width, data) in columns {
            out.append(UInt8(name.utf8.count))
            out += Array(name.utf8)
            out.append(kind)
            u32(width)
            out += data
        }
        return out
    }

    private func f64(_ values: [Double]) -> [UInt8] {
        values.flatMap { v in withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
    }

    /// A valid NB201-shaped table: `rows` cells, all ops `op`, all accuracies `accuracy`.
    private func nb201Table(rows: Int = 15_625, op: UInt8 = 3, accuracy: Double = 90) -> [UInt8] {
        let values = f64(Array(repeating: accuracy, count: rows))
        return table(rows: rows, columns: [
            ("ops", 4, 6, Array(repeating: op, count: 6 * rows)),
            ("cifar10_test_acc_200ep", 1, 8, values),
            ("cifar100_test_acc_200ep", 1, 8, values),
            ("imagenet16_120_test_acc_200ep", 1, 8, values),
        ])
    }

    private func write(_ bytes: [UInt8], as set: EmbeddedLabelSet) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + set.resourceFileName))
    }

    private func load(_ bytes: [UInt8], as set: EmbeddedLabelSet = .nb201) throws -> [LabelRecord] {
        try write(bytes, as: set)
        return try EmbeddedLabels.load(set, fromDirectory: directory)
    }

    private func expect(_ bytes: [UInt8], as set: EmbeddedLabelSet = .nb201, _ check: (LabelResourceError) -> Bool,
                        file: StaticString = #filePath, line: UInt = #line) {
        do {
            try write(bytes, as: set)
        } catch {
            return XCTFail("cannot write the test table: \(error)", file: file, line: line)
        }
        do {
            _ = try EmbeddedLabels.load(set, fromDirectory: directory)
            XCTFail("loaded a damaged table", file: file, line: line)
        } catch {
            XCTAssertTrue(check(error), "unexpected error: \(error)", file: file, line: line)
            XCTAssertFalse(error.description.isEmpty)
        }
    }

    func testValidHandMadeTableLoads() throws {
        let records = try load(nb201Table())
        XCTAssertEqual(records.count, 15_625)
        XCTAssertEqual(records[0].notation, "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|")
        XCTAssertEqual(records[0].accuracy, 90)
    }

    func testMissingFile() {
        XCTAssertThrowsError(try EmbeddedLabels.load(.nb301, fromDirectory: directory)) { error in
            guard case .missing = error as? LabelResourceError else { return XCTFail("\(error)") }
        }
    }

    func testBadMagicAndEmptyFile() {
        var bytes = nb201Table()
        bytes[0] = UInt8(ascii: "X")
        expect(bytes) { if case .badMagic = $0 { true } else { false } }
        expect([]) { if case .badMagic = $0 { true } else { false } }
    }

    func testTruncatedAndTrailingBytes() {
        let bytes = nb201Table()
        expect(Array(bytes.dropLast())) { if case .truncated = $0 { true } else { false } }
        expect(Array(bytes.prefix(12))) { if case .truncated(_, 12, _) = $0 { true } else { false } }
        expect(bytes + [0]) { if case .trailingBytes(_, bytes.count) = $0 { true } else { false } }
    }

    func testAbsurdHeaderValuesAreRejectedBeforeAllocating() {
        var huge = nb201Table(rows: 1)
        huge[8...11] = [0xff, 0xff, 0xff, 0x7f]
        expect(huge) { if case .malformedHeader(_, 8, _) = $0 { true } else { false } }
        let unknownKind = table(rows: 1, columns: [("ops", 9, 6, [0, 0, 0, 0, 0, 0])])
        expect(unknownKind) { if case .malformedHeader = $0 { true } else { false } }
        let badWidth = table(rows: 1, columns: [("x", 1, 4, [0, 0, 0, 0])])
        expect(badWidth) { if case .malformedHeader = $0 { true } else { false } }
        let twice = table(rows: 0, columns: [("x", 1, 8, []), ("x", 1, 8, [])])
        expect(twice) { if case .malformedHeader = $0 { true } else { false } }
    }

    func testWrongRecordCountAndMissingOrMistypedColumns() {
        expect(nb201Table(rows: 10)) { if case .wrongRecordCount(_, 15_625, 10) = $0 { true } else { false } }
        let rows = 15_625
        let noImageNet = table(rows: rows, columns: [
            ("ops", 4, 6, Array(repeating: 0, count: 6 * rows)),
            ("cifar10_test_acc_200ep", 1, 8, f64(Array(repeating: 50, count: rows))),
            ("cifar100_test_acc_200ep", 1, 8, f64(Array(repeating: 50, count: rows))),
        ])
        expect(noImageNet) { if case .missingColumn(_, "imagenet16_120_test_acc_200ep") = $0 { true } else { false } }
        let opsAsNumbers = table(rows: rows, columns: [("ops", 1, 8, f64(Array(repeating: 0, count: rows)))])
        expect(opsAsNumbers) { if case .wrongColumnFormat(_, "ops", _, _) = $0 { true } else { false } }
    }

    func testOutOfRangeValuesNameTheRow() {
        var badOp = nb201Table()
        let opsStart = 8 + 12 + 4 + (1 + 3 + 1 + 4)  // magic, counts, "test", the ops column header
        badOp[opsStart + 6 * 42 + 5] = 7
        expect(badOp) { if case .badValue(_, "ops", 42, _) = $0 { true } else { false } }
        expect(nb201Table(accuracy: .nan)) { if case .badValue(_, "cifar10_test_acc_200ep", 0, _) = $0 { true } else { false } }
        expect(nb201Table(accuracy: 100.5)) { if case .badValue = $0 { true } else { false } }
        expect(nb201Table(accuracy: -1)) { if case .badValue = $0 { true } else { false } }
    }
}
