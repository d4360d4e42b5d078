import Foundation
import XCTest
import NetworkBuilder
import ONNXModel
import ONNXNetEncoding
import ONNXNetSupport
@testable import SearchSpaces

/// Our NB201 graphs against the reference exports (PyTorch eval export + onnx-simplifier) in
/// `../shared/spec/goldens/nb201`, node by node.
final class NB201GoldenTests: XCTestCase {
    func testEveryGoldenNodeByNode() throws {
        guard let shared = SharedData.root() else { throw XCTSkip("../shared is absent") }
        let folder = shared + "/spec/goldens/nb201"
        let ids = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".onnx") }.map { String($0.dropLast(5)) }.sorted()
        XCTAssertFalse(ids.isEmpty)
        for id in ids {
            let json = try XCTUnwrap(try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(id).json"))) as? [String: Any])
            let arch = try XCTUnwrap(json["arch"] as? String)
            // The golden's id is the official API index.
            XCTAssertEqual(try NB201Space.cell(atIndex: try XCTUnwrap(Int(id))).notation, arch, "index \(id)")

            let golden = try ModelLoader.load(path: "\(folder)/\(id).onnx")
            let ours = try NB201Space().build(arch, weights: .shapesOnly)
            XCTAssertEqual(ours.graph.nodes.map(\.opType), try XCTUnwrap(json["op_sequence"] as? [String]), "\(id) op sequence")
            XCTAssertEqual(ours.graph.nodes.count, json["node_count"] as? Int, "\(id) node count")
            for difference in NB201GraphComparison.differences(golden.graph, ours.graph).prefix(5) {
                XCTFail("golden \(id) (\(arch)): \(difference)")
            }
            XCTAssertEqual(try NB201Space().info(arch).trainableParameters, json["torch_param_count"] as? Int, id)

            // The reference encoder's five strings, from our graph.
            let expected = try XCTUnwrap(json["encodings"] as? [String: String])
            for variant in EncodingVariant.allCases where variant != .graphLines {
                XCTAssertEqual(ONNXNetEncoder.encode(ours, variant: variant).text, expected[variant.rawValue],
                               "golden \(id) \(variant.rawValue)")
            }
        }
    }
}

/// Node-by-node comparison of two graphs: operator, name, attributes, and every input — a graph
/// input, the output of the node at the same position, or an initializer of the same type and
/// dims (and values, for int64 constants).
enum NB201GraphComparison {
    static func differences(_ expected: Graph, _ actual: Graph) -> [String] {
        var found: [String] = []
        if expected.nodes.count != actual.nodes.count {
            found.append("\(actual.nodes.count) nodes, expected \(expected.nodes.count)")
        }
        let e = Index(expected), a = Index(actual)
        for (i, (x, y)) in zip(expected.nodes, actual.nodes).enumerated() {
            let at = "node \(i) \(x.name)"
            if x.opType != y.opType { found.append("\(at): op \(y.opType), expected \(x.opType)"); continue }
            if x.name != y.name { found.append("\(at): named \(y.name)") }
            if normalized(x.attributes) != normalized(y.attributes) {
                found.append("\(at): attributes \(normalized(y.attributes)), expected \(normalized(x.attributes))")
            }
            if x.inputs.count != y.inputs.count { found.append("\(at): \(y.inputs.count) inputs, expected \(x.inputs.count)"); continue }
            for (k, (u, v)) in zip(x.inputs, y.inputs).enumerated() where e.describe(u) != a.describe(v) {
                found.append("\(at) input \(k): \(a.describe(v)), expected \(e.describe(u))")
            }
        }
        if expected.outputs.map(\.name) != actual.outputs.map(\.name) { found.append("graph outputs differ") }
        if expected.inputs.map(\.name) != actual.inputs.map(\.name) { found.append("graph inputs differ") }
        return found
    }

    private static func normalized(_ attributes: [Attribute]) -> [String] {
        attributes.map { a in "\(a.name)=\(a.i.map(String.init) ?? "")\(a.f.map { String($0) } ?? "")\(a.ints)\(a.floats)" }.sorted()
    }

    private struct Index {
        var producer: [String: Int] = [:]
        var initializers: [String: Tensor] = [:]
        var inputs: Set<String>

        init(_ graph: Graph) {
            for (i, node) in graph.nodes.enumerated() { for o in node.outputs { producer[o] = i } }
            for t in graph.initializers { initializers[t.name] = t }
            inputs = Set(graph.inputs.map(\.name))
        }

        func describe(_ name: String) -> String {
            if let t = initializers[name] {
                let values = t.dataType == .int64 ? " \((try? t.int64Values()) ?? [])" : ""
                return "initializer \(t.dataType) \(t.dims)\(values)"
            }
            if let p = producer[name] { return "output of node \(p)" }
            if inputs.contains(name) { return "graph input" }
            return "unknown value \(name)"
        }
    }
}

final class NB201GraphComparisonTests: XCTestCase {
    /// The comparison notices a different cell, a renamed node and a changed attribute.
    func testComparisonHasTeeth() throws {
        let space = NB201Space()
        let a = try space.build("|nor_conv_3x3~0|+|none~0|none~1|+|avg_pool_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|", weights: .shapesOnly).graph
        XCTAssertEqual(NB201GraphComparison.differences(a, a), [])
        let b = try space.build("|nor_conv_1x1~0|+|none~0|none~1|+|avg_pool_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|", weights: .shapesOnly).graph
        XCTAssertFalse(NB201GraphComparison.differences(a, b).isEmpty)
        var c = a
        c.nodes[3].name += "_renamed"
        XCTAssertEqual(NB201GraphComparison.differences(a, c).count, 1)
        var d = a
        let pool = try XCTUnwrap(d.nodes.firstIndex { $0.opType == "AveragePool" })
        d.nodes[pool].attributes = d.nodes[pool].attributes.map { $0.name == "count_include_pad" ? .int($0.name, 1) : $0 }
        XCTAssertEqual(NB201GraphComparison.differences(a, d).count, 1)
    }
}
