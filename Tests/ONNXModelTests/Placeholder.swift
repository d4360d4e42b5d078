import XCTest

final class ONNXModelTestsPlaceholder: XCTestCase {
    func testModuleBuilds() {}
}
