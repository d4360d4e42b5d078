import XCTest
@testable import ONNXNetEncoding

final class TextBufferTests: XCTestCase {
    /// Decimals print as `String(v)` does, on every branch (one to three digits, longer,
    /// negative, the extremes), and appends across growth keep every byte.
    func testAppendsAndDecimals() {
        var values: [Int64] = [0, 9, 10, 99, 100, 999, 1000, 12345, -1, -9, -10, -1000, .max, .min]
        values += (0..<200).map { Int64($0) * 7 - 300 }
        var buffer = TextBuffer(capacity: 1)
        var expected = ""
        for v in values {
            buffer.appendDecimal(v)
            buffer.append(ascii: ",")
            expected += String(v) + ","
        }
        buffer.append(utf8: "é→x")
        expected += "é→x"
        XCTAssertEqual(buffer.string, expected)
        XCTAssertEqual(buffer.count, expected.utf8.count)
        var copy = TextBuffer()
        copy.append(buffer, 0..<3)
        XCTAssertEqual(copy.string, String(expected.prefix(3)))
        copy.removeLast()
        XCTAssertEqual(copy[0], expected.utf8.first)
        copy.removeAll()
        XCTAssertTrue(copy.isEmpty)
    }
}
