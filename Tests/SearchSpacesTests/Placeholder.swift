import XCTest

final class SearchSpacesTestsPlaceholder: XCTestCase {
    func testModuleBuilds() {}
}
