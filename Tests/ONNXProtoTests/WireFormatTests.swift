import XCTest
@testable import ONNXProto

final class WireFormatTests: XCTestCase {
    func testVarintRoundTripAtBoundaries() throws {
        let values: [UInt64] = [0, 1, 127, 128, 300, 16_383, 16_384, UInt64(Int32.max), UInt64(UInt32.max), UInt64.max]
        var w = ProtoWriter()
        for v in values { w.writeVarint(v) }
        var r = ProtoReader(bytes: w.bytes)
        for v in values { XCTAssertEqual(try r.readVarint(), v) }
        XCTAssertTrue(r.isAtEnd)
    }

    func testKnownEncodings() {
        var w = ProtoWriter()
        w.writeInt64(1, 150)          // the protobuf documentation's example: 08 96 01
        XCTAssertEqual(w.bytes, [0x08, 0x96, 0x01])
        var n = ProtoWriter()
        n.writeInt32(2, -1)           // negative int32 is sign-extended to ten bytes
        XCTAssertEqual(n.bytes.count, 11)
    }

    func testFieldsOfEveryWireType() throws {
        var w = ProtoWriter()
        w.writeInt64(1, -5)
        w.writeFloat(2, 1.5)
        w.writeDouble(3, -2.25)
        w.writeString(4, "héllo")
        w.writePackedInt64(5, [1, -1, 300])
        w.writePackedFloat(6, [0.5, 2])
        w.writeMessage(7) { $0.writeString(1, "inner") }
        var r = ProtoReader(bytes: w.bytes)
        var seen: [Int] = []
        while let (f, wire) = try r.nextField() {
            seen.append(f)
            switch f {
            case 1: XCTAssertEqual(try r.readInt64(wire), -5)
            case 2: XCTAssertEqual(try r.readFloat(wire), 1.5)
            case 3: XCTAssertEqual(try r.readDouble(wire), -2.25)
            case 4: XCTAssertEqual(try r.readString(wire), "héllo")
            case 5: var a: [Int64] = []; try r.readRepeatedInt64(wire, into: &a); XCTAssertEqual(a, [1, -1, 300])
            case 6: var a: [Float] = []; try r.readRepeatedFloat(wire, into: &a); XCTAssertEqual(a, [0.5, 2])
            case 7:
                let s = try r.readMessage(wire, name: "m") { m -> String in
                    var s = ""
                    while let (g, w2) = try m.nextField() { if g == 1 { s = try m.readString(w2) } else { try m.skipField(w2) } }
                    return s
                }
                XCTAssertEqual(s, "inner")
            default: XCTFail("unexpected field \(f)")
            }
        }
        XCTAssertEqual(seen, [1, 2, 3, 4, 5, 6, 7])
    }

    func testUnpackedRepeatedElementsAreAccepted() throws {
        var w = ProtoWriter()
        w.writeInt64(5, 7)
        w.writeInt64(5, 8)
        var r = ProtoReader(bytes: w.bytes)
        var a: [Int64] = []
        while let (_, wire) = try r.nextField() { try r.readRepeatedInt64(wire, into: &a) }
        XCTAssertEqual(a, [7, 8])
    }

    func testSkippedUnknownFieldKeepsItsRawBytes() throws {
        var w = ProtoWriter()
        w.writeString(99, "keep me")
        var r = ProtoReader(bytes: w.bytes)
        let (_, wire) = try XCTUnwrap(try r.nextField())
        let raw = try r.skipField(wire)
        XCTAssertEqual(raw.array, w.bytes)
    }

    // MARK: bad input

    private func decodeError(_ bytes: [UInt8], options: ProtoDecodingOptions = .init(),
                             _ body: (inout ProtoReader) throws -> Void) -> ProtoDecodingError? {
        var r = ProtoReader(bytes: bytes, options: options)
        do { try body(&r); return nil } catch let e as ProtoDecodingError { return e } catch { return nil }
    }

    func testTruncatedVarint() {
        let e = decodeError([0x08, 0x96]) { r in while let (_, w) = try r.nextField() { _ = try r.readInt64(w) } }
        XCTAssertEqual(e?.kind, .truncated)
        XCTAssertEqual(e?.offset, 1)
    }

    func testOverlongVarint() {
        let e = decodeError([0x08] + Array(repeating: 0xFF, count: 11)) { r in while let (_, w) = try r.nextField() { _ = try r.readInt64(w) } }
        XCTAssertEqual(e?.kind, .malformedVarint)
    }

    func testLengthPastEnd() {
        let e = decodeError([0x22, 0x10, 0x61]) { r in while let (_, w) = try r.nextField() { _ = try r.readString(w) } }
        XCTAssertEqual(e?.kind, .lengthPastEnd(length: 16, remaining: 1))
    }

    func testHugeLengthDoesNotAllocate() {
        // A length of 2^62 must be rejected before anything is reserved.
        let e = decodeError([0x2A, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40]) { r in
            while let (_, w) = try r.nextField() { var a: [Int64] = []; try r.readRepeatedInt64(w, into: &a) }
        }
        if case .lengthPastEnd? = e?.kind {} else { XCTFail("expected lengthPastEnd, got \(String(describing: e))") }
    }

    func testWrongAndInvalidWireTypes() {
        let wrong = decodeError([0x0D, 0, 0, 0, 0]) { r in while let (_, w) = try r.nextField() { _ = try r.readInt64(w) } }
        XCTAssertEqual(wrong?.kind, .wrongWireType(expected: .varint, found: .fixed32))
        let invalid = decodeError([0x0F]) { r in _ = try r.nextField() }
        XCTAssertEqual(invalid?.kind, .invalidWireType(7))
        let zeroField = decodeError([0x00, 0x00]) { r in _ = try r.nextField() }
        XCTAssertEqual(zeroField?.kind, .invalidFieldNumber(0))
    }

    func testInvalidUTF8() {
        let e = decodeError([0x0A, 0x02, 0xC3, 0x28]) { r in while let (_, w) = try r.nextField() { _ = try r.readString(w) } }
        XCTAssertEqual(e?.kind, .invalidUTF8)
        XCTAssertEqual(e?.offset, 2)
    }

    func testMisalignedPackedFloats() {
        let e = decodeError([0x32, 0x03, 0, 0, 0]) { r in while let (_, w) = try r.nextField() { var a: [Float] = []; try r.readRepeatedFloat(w, into: &a) } }
        XCTAssertEqual(e?.kind, .packedLengthMisaligned(length: 3, elementSize: 4))
    }

    func testDepthLimitAndFieldPath() {
        // Nested messages 1 { 1 { 1 { ... } } } deeper than the limit.
        var payload: [UInt8] = []
        for _ in 0..<10 { payload = [0x0A, UInt8(payload.count)] + payload }
        func descend(_ r: inout ProtoReader) throws {
            while let (_, w) = try r.nextField() { try r.readMessage(w, name: "child", index: 0) { try descend(&$0) } }
        }
        let e = decodeError(payload, options: ProtoDecodingOptions(maxDepth: 4)) { try descend(&$0) }
        XCTAssertEqual(e?.kind, .depthLimitExceeded(limit: 4))
        XCTAssertEqual(e?.path.description, "child[0].child[0].child[0].child[0]")
        XCTAssertTrue(e?.description.contains("child[0]") ?? false)
    }
}

final class UTF8ValidationTests: XCTestCase {
    func check(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBytes { UTF8Validation.isValid($0) } }

    func testAcceptsValidAndRejectsMalformedSequences() {
        XCTAssertTrue(check(Array("héllo ✓ 𝄞".utf8)))
        XCTAssertFalse(check([0xC0, 0xAF]))              // overlong '/'
        XCTAssertFalse(check([0xE0, 0x80, 0xAF]))        // overlong
        XCTAssertFalse(check([0xED, 0xA0, 0x80]))        // surrogate U+D800
        XCTAssertFalse(check([0xF4, 0x90, 0x80, 0x80]))  // above U+10FFFF
        XCTAssertFalse(check([0xE2, 0x9C]))              // truncated
        XCTAssertFalse(check([0x80]))                    // lone continuation
    }

    func testNonASCIIStringsDecode() throws {
        var w = ProtoWriter()
        w.writeString(1, "Conv_ü")
        var r = ProtoReader(bytes: w.bytes)
        let (_, wire) = try XCTUnwrap(try r.nextField())
        XCTAssertEqual(try r.readString(wire), "Conv_ü")
    }
}
