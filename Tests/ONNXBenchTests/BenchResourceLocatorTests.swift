import ONNXBench
import ONNXNetSupport
import XCTest

/// The resource locator that replaces SwiftPM's crashing `Bundle.module`.
final class BenchResourceLocatorTests: XCTestCase {
    func testResourceLocatorThrowsInsteadOfCrashing() throws {
        let dir = try makeTemporaryDirectory(self)
        XCTAssertThrowsError(try ResourceLocator.directory(bundle: "NoSuch_Bundle", containing: "x.bin", fallbacks: [dir])) {
            let text = "\($0)"
            XCTAssertTrue(text.contains("NoSuch_Bundle.resources not found"), text)
            XCTAssertTrue(text.contains(dir), "lists where it looked: \(text)")
        }
        try writeText("x", to: dir + "/x.bin")
        XCTAssertEqual(try ResourceLocator.directory(bundle: "NoSuch_Bundle", containing: "x.bin", fallbacks: [dir]), dir)
        // The embedded labels load through it (from the build's bundle or the sources).
        XCTAssertEqual(try EmbeddedLabels.nb301().count, 725)
    }
}
