import Foundation
import XCTest
import NetworkBuilder
import ONNXModel
@testable import SearchSpaces

final class NB201GenerationTests: XCTestCase {
    /// Generates every NB201 graph in memory (weights as shapes only) on all cores. The budget
    /// is 5 s for a release build on 2 cores; run it with
    /// `ONNXNET_NB201_TIMING=1 swift test -c release -Xswiftc -enable-testing --filter NB201GenerationTests/testGenerationSpeed`.
    /// Without the variable (debug test runs) it only checks a sample.
    func testGenerationSpeed() throws {
        guard ProcessInfo.processInfo.environment["ONNXNET_NB201_TIMING"] != nil else {
            let space = NB201Space()
            let nodes = try stride(from: 0, to: NB201Cell.count, by: 500).map {
                try space.build("\($0)", weights: .shapesOnly).graph.nodes.count
            }
            XCTAssertTrue(nodes.allSatisfy { (50...200).contains($0) }, "\(nodes)")
            return
        }
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let start = DispatchTime.now().uptimeNanoseconds
        let made = try NB201Space().generateAll(workers: workers)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print("NB201: generated \(made.graphs) graphs (\(made.nodes) nodes) in \(String(format: "%.2f", seconds)) s on \(workers) threads")
        XCTAssertEqual(made.graphs, NB201Cell.count)
        #if !DEBUG
        XCTAssertLessThan(seconds, 5)
        #endif
    }

    /// Every graph input of every node is defined, and random weights carry their values.
    func testGraphsAreWellFormed() throws {
        for text in try NB201Space().sample(count: 20, seed: 11) + ["8:16:24:32:40"] {
            let model = try text.contains(":") ? NATSSizeSpace().build(text, weights: .random(seed: 1))
                                               : NB201Space().build(text, weights: .random(seed: 1))
            var defined = Set(model.graph.inputs.map(\.name) + model.graph.initializers.map(\.name))
            for node in model.graph.nodes {
                for input in node.inputs { XCTAssertTrue(defined.contains(input), "\(text): \(node.name) reads \(input)") }
                XCTAssertTrue(node.outputs.allSatisfy { defined.insert($0).inserted }, "\(text): \(node.name) redefines")
            }
            XCTAssertEqual(model.graph.outputs.map(\.name), ["output"])
            XCTAssertEqual(model.graph.nodes.last?.outputs, ["output"])
            for t in model.graph.initializers { XCTAssertGreaterThan(t.payloadByteCount, 0, t.name) }
            // Unused initializers would make a different file than the exporter's.
            let used = Set(model.graph.nodes.flatMap(\.inputs))
            XCTAssertTrue(model.graph.initializers.allSatisfy { used.contains($0.name) }, text)
        }
    }

    /// Writes a few files for checking with onnx.checker / onnxruntime by hand:
    /// `ONNXNET_NB201_EXPORT_DIR=/tmp/nb201 swift test --filter NB201GenerationTests/testExport`.
    func testExport() throws {
        guard let folder = ProcessInfo.processInfo.environment["ONNXNET_NB201_EXPORT_DIR"] else {
            throw XCTSkip("set ONNXNET_NB201_EXPORT_DIR to write sample files")
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let sampled = try NB201Space().sample(count: 30, seed: 2).map { NB201Space.index(of: try NB201Cell(parsing: $0)) }
        for index in [0, 3, 6, 1462, 1651, 1835] + sampled {
            let model = try NB201Space().build("\(index)", weights: .random(seed: UInt64(index)))
            try ModelLoader.save(model, to: "\(folder)/nb201_\(index).onnx")
        }
        for config in ["8:8:8:8:8", "8:16:24:32:40", "64:32:48:16:56", "64:64:64:64:64"]
            + (try NATSSizeSpace().sample(count: 10, seed: 2)) {
            let model = try NATSSizeSpace().build(config, weights: .random(seed: 5))
            try ModelLoader.save(model, to: "\(folder)/nats_\(config.replacingOccurrences(of: ":", with: "_")).onnx")
        }
    }
}

