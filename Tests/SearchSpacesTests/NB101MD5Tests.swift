import XCTest
@testable import SearchSpaces

final class NB101MD5Tests: XCTestCase {
    /// The test suite of RFC 1321, appendix A.5.
    func testRFC1321Vectors() {
        let vectors: [(String, String)] = [
            ("", "d41d8cd98f00b204e9800998ecf8427e"),
            ("a", "0cc175b9c0f1b6a831c399e269772661"),
            ("abc", "900150983cd24fb0d6963f7d28e17f72"),
            ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
            ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
            ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
            ("12345678901234567890123456789012345678901234567890123456789012345678901234567890",
             "57edf4a22be3c955ac49da2e2107b67a"),
        ]
        for (text, hex) in vectors {
            XCTAssertEqual(MD5.digest(text).hex, hex, "md5(\"\(text)\")")
        }
    }

    /// Lengths around the padding boundaries (55/56/64 bytes), checked against Python's
    /// hashlib, one-shot and streamed in uneven pieces.
    func testPaddingBoundariesAndStreaming() {
        let expected: [Int: String] = [
            55: "52c0e574e1198de5fe3f8f11440dcb1b", 56: "46c9907fc908ee68b1e7b8e71286a518",
            63: "a62f6d59e837867693f042f5b8f5a236", 64: "7160b8fb5e9e4023d549c3971fbaeead",
            65: "70bd662e7aefbda85a0f7244167b7897", 119: "e84905d4214f4d1ca56c2cdcc152b143",
            120: "e3eb5a6c8669ea01a8c185b8abc8a5dc", 128: "10b2da1a82f16d99a81a7203fe9f02cb",
            1000: "10046f077f2082ac19676b8079f1cb1a",
        ]
        for (length, hex) in expected {
            let bytes = (0..<length).map { UInt8(($0 * 7 + 3) % 256) }
            XCTAssertEqual(MD5.digest(bytes).hex, hex, "length \(length)")
            for piece in [1, 7, 63, 64, 100] {
                var md5 = MD5()
                var offset = 0
                while offset < length {
                    let end = min(offset + piece, length)
                    md5.update(Array(bytes[offset..<end]))
                    offset = end
                }
                XCTAssertEqual(md5.finalize().hex, hex, "length \(length) in pieces of \(piece)")
            }
        }
    }

    func testDigestHexRoundTripAndOrder() {
        let a = MD5.digest("a"), b = MD5.digest("b")
        XCTAssertEqual(MD5Digest(hex: a.hex), a)
        XCTAssertEqual(MD5Digest(hex: a.hex.uppercased()), a)
        XCTAssertNil(MD5Digest(hex: "xyz"))
        XCTAssertNil(MD5Digest(hex: String(repeating: "g", count: 32)))
        XCTAssertEqual(a < b, a.hex < b.hex, "digests order like their hex strings")
        XCTAssertEqual(a.bytes.map { String(format: "%02x", $0) }.joined(), a.hex)
    }
}
