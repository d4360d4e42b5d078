import XCTest

final class ONNXSimplifyTestsPlaceholder: XCTestCase {
    func testModuleBuilds() {}
}
