import XCTest

final class ONNXNetEncodingTestsPlaceholder: XCTestCase {
    func testModuleBuilds() {}
}
