import XCTest

final class ONNXNetCLITestsPlaceholder: XCTestCase {
    func testModuleBuilds() {}
}
