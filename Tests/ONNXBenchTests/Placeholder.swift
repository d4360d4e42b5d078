import XCTest

final class ONNXBenchTestsPlaceholder: XCTestCase {
    func testModuleBuilds() {}
}
