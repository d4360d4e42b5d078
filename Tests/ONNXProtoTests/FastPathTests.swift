import XCTest
@testable import ONNXProto

/// The decoder's fast paths must give what the general paths give, and leave errors to them.
final class FastPathTests: XCTestCase {
    func testStringTableInternsByContent() {
        var t = StringTable(expectedCount: 2)
        // Lengths around every hashing case (0, 1-3, 4-7, 8, 9-15, 16+) and growth past 2.
        let names = ["", "a", "ab", "abc", "abcd", "abcdefg", "abcdefgh", "abcdefghi", "/net/stem/stem.0/Conv_output_0",
                     "/net/stem/stem.0/Conv_output_1", "héllo", String(repeating: "x", count: 300)]
        let ids = names.map { t.intern($0) }
        XCTAssertEqual(ids, Array(0..<names.count))
        for (i, n) in names.enumerated() {
            XCTAssertEqual(t.intern(n), i)
            XCTAssertEqual(t.id(of: n), i)
            XCTAssertEqual(t[i], n)
        }
        XCTAssertNil(t.id(of: "abcdefgi"))
        XCTAssertNil(t.id(of: "/net/stem/stem.0/Conv_output_2"))
        XCTAssertEqual(t.count, names.count)
    }

    func testDecodedStringsAreSharedAndEqual() throws {
        var w = ProtoWriter()
        for _ in 0..<3 { w.writeString(1, "/a/value/name/longer/than/fifteen") }
        w.writeString(1, "")
        var r = ProtoReader(bytes: w.bytes)
        var got: [String] = []
        while let (_, wire) = try r.nextField() { got.append(try r.readString(wire)) }
        XCTAssertEqual(got, ["/a/value/name/longer/than/fifteen", "/a/value/name/longer/than/fifteen",
                             "/a/value/name/longer/than/fifteen", ""])
    }

    func testInvalidUTF8IsRejectedOnEveryOccurrence() throws {
        var w = ProtoWriter()
        w.writeBytes(1, [0x61, 0xFF])
        w.writeBytes(1, [0x61, 0xFF])
        var r = ProtoReader(bytes: w.bytes)
        for _ in 0..<2 {
            // The failed read has consumed the field, as before interning.
            let (_, wire) = try XCTUnwrap(r.nextField())
            XCTAssertThrowsError(try r.readString(wire))
        }
        XCTAssertTrue(r.isAtEnd)
    }

    func testVarintOnlyMessage() throws {
        // dim { dim_value: 300 }, then dim { dim_param: "N" }, then dim { dim_value: 1, dim_value: 2 }.
        var w = ProtoWriter()
        w.writeMessage(1) { $0.writeInt64(1, 300) }
        w.writeMessage(1) { $0.writeString(2, "N") }
        w.writeMessage(1) { $0.writeInt64(1, 1); $0.writeInt64(1, 2) }
        var r = ProtoReader(bytes: w.bytes)
        var (_, wire) = try XCTUnwrap(r.nextField())
        XCTAssertEqual(r.readVarintOnlyMessage(wire, field: 1), 300)
        (_, wire) = try XCTUnwrap(r.nextField())
        let at = r.position
        XCTAssertNil(r.readVarintOnlyMessage(wire, field: 1))
        XCTAssertEqual(r.position, at, "nothing consumed when the shortcut does not apply")
        try r.skipField(wire)
        (_, wire) = try XCTUnwrap(r.nextField())
        XCTAssertNil(r.readVarintOnlyMessage(wire, field: 1))
        try r.skipField(wire)
        XCTAssertTrue(r.isAtEnd)
    }

    func testPackedVarintsWithLongElements() throws {
        let values: [Int64] = [1, 2, 300, 3, -1, 127, 128]
        var w = ProtoWriter()
        w.writePackedInt64(1, values)
        var r = ProtoReader(bytes: w.bytes)
        let (_, wire) = try XCTUnwrap(r.nextField())
        var out: [Int64] = []
        try r.readRepeatedInt64(wire, into: &out)
        XCTAssertEqual(out, values)
    }

    func testFieldCountingStopsQuietlyAtMalformedInput() {
        var w = ProtoWriter()
        w.writeString(1, "x")
        w.writeInt64(2, 5)
        var bytes = w.bytes
        bytes += [0x1A, 0x7F]  // field 3, length 127: runs past the end
        let r = ProtoReader(bytes: bytes)
        var seen: [Int] = []
        r.forEachFieldNumber { seen.append($0) }
        XCTAssertEqual(seen, [1, 2])
        XCTAssertEqual(r.position, 0, "counting does not move the reader")
    }

    func testInterningAndRangeReadsValidateAsReadStringDoes() throws {
        var w = ProtoWriter()
        w.writeString(1, "relu")
        w.writeString(1, "relu")
        w.writeBytes(1, [0x61, 0xFF])
        w.writeBytes(2, [0x61, 0xFF])
        w.writeString(2, "héllo")
        var r = ProtoReader(bytes: w.bytes)
        var table = StringTable()
        for _ in 0..<2 {
            let (_, wire) = try XCTUnwrap(r.nextField())
            XCTAssertEqual(try r.readString(wire, internedIn: &table), 0)
        }
        var (_, wire) = try XCTUnwrap(r.nextField())
        XCTAssertThrowsError(try r.readString(wire, internedIn: &table)) { e in
            XCTAssertEqual((e as? ProtoDecodingError)?.kind, .invalidUTF8)
        }
        XCTAssertEqual(table.count, 1, "a rejected string is not added")
        (_, wire) = try XCTUnwrap(r.nextField())
        XCTAssertThrowsError(try r.readStringRange(wire))
        (_, wire) = try XCTUnwrap(r.nextField())
        let range = try r.readStringRange(wire)
        XCTAssertEqual(String(decoding: r.bytes(range), as: UTF8.self), "héllo")
        XCTAssertTrue(r.isAtEnd)
    }

    func testNestedMessagesRestoreTheReaderHoweverTheyEnd() throws {
        var w = ProtoWriter()
        w.writeMessage(1) { $0.writeInt64(1, 5); $0.writeInt64(2, 6) }
        w.writeInt64(2, 7)
        var r = ProtoReader(bytes: w.bytes)
        var (_, wire) = try XCTUnwrap(r.nextField())
        // The body stops early by throwing: the field is still consumed whole.
        XCTAssertThrowsError(try r.readMessage(wire, name: "m") { m -> Int in
            XCTAssertEqual(m.depth, 1)
            let (_, w1) = try XCTUnwrap(m.nextField())
            let start = m.position
            XCTAssertEqual(try m.readInt64(w1), 5)
            m.rewind(to: start)
            XCTAssertEqual(try m.readInt64(w1), 5)
            throw m.error(.invalidValue("stop"))
        }) { e in XCTAssertEqual((e as? ProtoDecodingError)?.path.description, "m") }
        XCTAssertEqual(r.depth, 0)
        XCTAssertEqual(r.end, w.bytes.count)
        (_, wire) = try XCTUnwrap(r.nextField())
        XCTAssertEqual(try r.readInt64(wire), 7)
        XCTAssertTrue(r.isAtEnd)
    }
}
