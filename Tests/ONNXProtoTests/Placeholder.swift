import XCTest

final class ONNXProtoTestsPlaceholder: XCTestCase {
    func testModuleBuilds() {}
}
