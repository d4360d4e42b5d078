import Foundation
import ONNXBench
import XCTest

/// A fresh temporary directory per test, removed afterwards.
func makeTemporaryDirectory(_ test: XCTestCase, file: StaticString = #filePath) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("onnxnet-bench-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
}

/// The first `count` NB201 records of the embedded labels as bench records.
func firstNB201Records(_ count: Int) throws -> [BenchRecord] {
    let records = try EmbeddedBench.records(space: "nb201").records
    return Array(records.prefix(count))
}

/// Sorted file names of a folder (hidden ones included).
func listing(_ path: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
}

func writeText(_ text: String, to path: String) throws {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}
