import XCTest
@testable import SearchSpaces

/// Writes 1,000 sampled einspace architectures for the outside onnx.checker / onnxruntime
/// check; skipped unless `ONNXNET_GRAMMAR_EXPORT` is set (see `GrammarExport`).
final class EinspaceExportCheck: XCTestCase {
    func testExportSample() throws { try GrammarExport.run(EinspaceSpace()) }
}
