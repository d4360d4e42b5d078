import XCTest

final class ONNXNetSupportTestsPlaceholder: XCTestCase {
    func testModuleBuilds() {}
}
