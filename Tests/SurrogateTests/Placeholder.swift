import XCTest

final class SurrogateTestsPlaceholder: XCTestCase {
    func testModuleBuilds() {}
}
