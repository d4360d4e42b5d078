import ONNXBench
import ONNXNetSupport
import XCTest

/// The CSV reader and writer: RFC 4180 quoting, line numbers, clear errors.
final class BenchCSVTests: XCTestCase {
    private func records(_ text: String) throws -> [CSVRecord] {
        var reader = CSVReader(bytes: Array(text.utf8), name: "t.csv")
        var out: [CSVRecord] = []
        while let r = try reader.next() { out.append(r) }
        return out
    }

    private func error(_ text: String) -> String {
        do {
            _ = try records(text)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    func testQuotesEmbeddedNewlinesCRLFAndBOM() throws {
        let text = "\u{FEFF}a,b,c\r\n\"x, y\",\"multi\nline\r\nfield\",\"say \"\"hi\"\"\"\r\n\r\nplain,,last\n"
        let r = try records(text)
        XCTAssertEqual(r.map(\.fields), [["a", "b", "c"], ["x, y", "multi\nline\r\nfield", "say \"hi\""], ["plain", "", "last"]])
        XCTAssertEqual(r.map(\.line), [1, 2, 6], "the quoted field spans lines 2-4, a blank line 5 is skipped")
        XCTAssertEqual(try records("a,b\r1,2\r").map(\.fields), [["a", "b"], ["1", "2"]], "old Mac line ends")
        XCTAssertEqual(try records("a,\"\"\n").map(\.fields), [["a", ""]])
        XCTAssertEqual(try records("").count, 0)
    }

    func testErrorsNameTheLine() {
        XCTAssertEqual(error("a,b\n1,\"open\nstill open"), "t.csv:2: unterminated quoted field (a '\"' opened here is never closed)")
        XCTAssertTrue(error("a\nx\"y\n").hasPrefix("t.csv:2: '\"' inside an unquoted field"), error("a\nx\"y\n"))
        XCTAssertTrue(error("a\n\"q\"x\n").hasPrefix("t.csv:2: unexpected 'x' after a closing quote"), error("a\n\"q\"x\n"))
        var bad = CSVReader(bytes: [0x61, 0x0A, 0xFF, 0xFE, 0x0A], name: "u.csv")
        XCTAssertNoThrow(try bad.next())
        XCTAssertThrowsError(try bad.next()) { XCTAssertEqual("\($0)", "u.csv:2: field is not valid UTF-8") }
    }

    func testTableChecksHeaderAndFieldCounts() throws {
        var table = try CSVTable(reader: CSVReader(bytes: Array("space, notation ,accuracy\nnb201,x,1\nnb201,y\n".utf8), name: "t.csv"),
                                 name: "t.csv", required: ["space", "notation", "accuracy"])
        XCTAssertEqual(table.header, ["space", "notation", "accuracy"])
        let first = try table.next()
        XCTAssertEqual(first?.line, 2)
        XCTAssertEqual(first?.values["notation"], "x")
        XCTAssertThrowsError(try table.next()) { XCTAssertEqual("\($0)", "t.csv:3: 2 fields, the header has 3") }
        XCTAssertThrowsError(try CSVTable(reader: CSVReader(bytes: Array("space,accuracy\n".utf8), name: "h.csv"), name: "h.csv",
                                          required: ["space", "notation", "accuracy"])) {
            XCTAssertTrue("\($0)".contains("header lacks column(s) notation"), "\($0)")
        }
        XCTAssertThrowsError(try CSVTable(reader: CSVReader(bytes: [], name: "e.csv"), name: "e.csv", required: []))
    }

    func testWriterRoundTripsAnyText() throws {
        var generator = SeededGenerator(seed: 7)
        let alphabet: [Character] = ["a", "b", ",", "\"", "\n", "\r", " ", "|", "~", "é", "0", "\t"]
        var rows: [[String]] = []
        for _ in 0..<200 {
            rows.append((0..<4).map { _ in String((0..<generator.below(12)).map { _ in alphabet[generator.below(alphabet.count)] }) })
        }
        // A record whose fields are all empty is a blank line; keep one field non-empty.
        for i in rows.indices where rows[i].allSatisfy(\.isEmpty) { rows[i][0] = "x" }
        let text = rows.map(CSVWriter.line).joined()
        XCTAssertEqual(try records(text).map(\.fields), rows)
        XCTAssertEqual(CSVWriter.field("plain"), "plain")
        XCTAssertEqual(CSVWriter.field("a,b"), "\"a,b\"")
        XCTAssertEqual(CSVWriter.field("say \"x\""), "\"say \"\"x\"\"\"")
    }

    func testReferenceSchemaRoundTrip() throws {
        let rows = [
            ReferenceCSV.Row(encoding: "Conv(Value0:1x3x32x32)\nRelu(Value1)\n\"quoted\", yes", accuracy: "93.5", dataset: "nasbench201", name: "nb201_00001"),
            ReferenceCSV.Row(encoding: "Gemm", accuracy: "10.0", dataset: "einspace", name: "seed=0_17"),
        ]
        let text = ReferenceCSV.text(rows)
        XCTAssertTrue(text.hasPrefix("onnx_encoding,accuracy,dataset,name\n"))
        let read = try ReferenceCSV.read(CSVReader(bytes: Array(text.utf8), name: "r.csv"), name: "r.csv")
        XCTAssertEqual(read.map(\.row), rows)
        XCTAssertEqual(read.map(\.line), [2, 5])
        XCTAssertEqual(ReferenceCSV.dataset(forSpace: "nb101"), "nasbench101")
        XCTAssertEqual(ReferenceCSV.dataset(forSpace: "nb201"), "nas201nats")
        XCTAssertEqual(ReferenceCSV.dataset(forSpace: "nats-sss"), "nas201nats")
        XCTAssertEqual(ReferenceCSV.space(forDataset: "natsbench"), "nats-sss")
        XCTAssertEqual(ReferenceCSV.space(forDataset: "nasbench201"), "nb201")
        XCTAssertEqual(ReferenceCSV.space(forDataset: "nas201nats", name: "nats-sss_00012"), "nats-sss")
        XCTAssertEqual(ReferenceCSV.space(forDataset: "nas201nats", name: "nb201_00012"), "nb201")
        XCTAssertNil(ReferenceCSV.space(forDataset: "nas201nats", name: "12"), "ambiguous")
        XCTAssertEqual(ReferenceCSV.space(forDataset: "hnb201"), "hnb201")
        XCTAssertNil(ReferenceCSV.space(forDataset: "cifar10"))
    }
}
