import XCTest
import NetworkBuilder
import ONNXModel
@testable import SearchSpaces

final class NATSSizeSpaceTests: XCTestCase {
    let space = NATSSizeSpace()

    func testNotationAndIndexOrder() throws {
        XCTAssertEqual(try NATSChannelConfig(index: 0).notation, "8:8:8:8:8")
        XCTAssertEqual(try NATSChannelConfig(index: 1).notation, "8:8:8:8:16")
        XCTAssertEqual(try NATSChannelConfig(index: 11).notation, "8:8:8:16:32")
        XCTAssertEqual(try NATSChannelConfig(index: 284).notation, "8:8:40:32:40")
        XCTAssertEqual(try NATSChannelConfig(index: 32_767).notation, "64:64:64:64:64")
        var count = 0
        try space.enumerate { text in
            let config = try NATSChannelConfig(parsing: text)
            XCTAssertEqual(config.index, count)
            XCTAssertEqual(config.notation, text)
            count += 1
            return true
        }
        XCTAssertEqual(count, 32_768)
        XCTAssertEqual(try space.canonicalize(" 8:16:32:64:64 "), "8:16:32:64:64")
        XCTAssertEqual(try space.canonicalize("284"), "8:8:40:32:40")
    }

    func testRejectsBadConfigurations() {
        let bad: [(String, String)] = [
            ("8:16:32:64", "5 channel counts"),
            ("8:16:32:64:64:64", "5 channel counts"),
            ("8:16:33:64:64", "layer 3: 33 channels"),
            ("8:16:x:64:64", "layer 3: 'x' is not a number"),
            ("8:16::64:64", "layer 3: '' is not a number"),
            ("0:16:32:64:64", "layer 1: 0 channels"),
            ("32768", "outside 0...32767"),
            ("", "5 channel counts"),
            (String(repeating: "8:", count: 100), "too long"),
        ]
        for (text, expected) in bad {
            XCTAssertThrowsError(try space.canonicalize(text), text) { error in
                guard let e = error as? SearchSpaceError else { return XCTFail("untyped error for \(text)") }
                XCTAssertEqual(e.space, "nats-sss")
                XCTAssertTrue(e.message.contains(expected), "\(text): \(e.message)")
            }
        }
    }

    func testSampling() throws {
        let a = try space.sample(count: 100, seed: 3)
        XCTAssertEqual(a, try space.sample(count: 100, seed: 3))
        XCTAssertEqual(Set(a).count, 100)
    }

    /// The benchmark API's `params` and `flop` from the NATS-Bench size-space sample files
    /// (`NATS-sss-v1_0-50262-simple/000000, 000011, 000284`, CIFAR-10, CIFAR-100 and
    /// ImageNet16-120 networks).
    func testOfficialAPIFigures() throws {
        let published: [(String, [(Int, Int, Int, Int)])] = [
            // (classes, input size, params, flop) per dataset
            ("8:8:8:8:8", [(10, 32, 11_714, 4_481_114), (100, 32, 12_524, 4_481_924), (120, 16, 12_704, 1_121_336)]),
            ("8:8:8:16:32", [(10, 32, 49_202, 6_840_650)]),
            ("8:8:40:32:40", [(10, 32, 144_834, 21_827_994)]),
        ]
        for (text, figures) in published {
            let config = try NATSChannelConfig(parsing: text)
            for (classes, size, params, flop) in figures {
                let network = TinyCellNetwork(cell: NATSSizeSpace.cell, channels: config.channels,
                                              classes: classes, inputSize: size)
                XCTAssertEqual(network.costs.trainableParameters, params, "\(text) \(classes)")
                XCTAssertEqual(network.costs.officialFLOPs, flop, "\(text) \(classes)")
            }
            XCTAssertEqual(try space.info(text).trainableParameters, figures[0].2)
            XCTAssertEqual(try space.officialFLOPs(text), figures[0].3)
        }
    }

    /// A width-changing cell reads its input through convolutions of the new width and its
    /// skip edge becomes Conv 1x1 (FactorizedReduce of stride 1, BN folded, no ReLU).
    func testWidthChangingCell() throws {
        let model = try space.build("8:16:24:32:40", weights: .shapesOnly)
        let nodes = model.graph.nodes
        let shapes = Dictionary(uniqueKeysWithValues: model.graph.initializers.map { ($0.name, $0.dims) })
        let skip = try XCTUnwrap(nodes.first { $0.name == "/net/cells.2/layers.3/conv/Conv" })
        XCTAssertEqual(shapes[skip.inputs[1]], [24, 16, 1, 1])
        XCTAssertEqual(skip.inputs.count, 3)
        XCTAssertEqual(skip.inputs[0], "/net/cells.1/Add_output_0")
        let firstConv = try XCTUnwrap(nodes.first { $0.name == "/net/cells.2/layers.0/op/op.1/Conv" })
        XCTAssertEqual(shapes[firstConv.inputs[1]], [24, 16, 3, 3])
        // Both convolutions on the cell input share one ReLU.
        XCTAssertNil(nodes.first { $0.name == "/net/cells.2/layers.1/op/op.0/Relu" })
        let second = try XCTUnwrap(nodes.first { $0.name == "/net/cells.2/layers.1/op/op.1/Conv" })
        XCTAssertEqual(second.inputs[0], "/net/cells.2/layers.0/op/op.0/Relu_output_0")
        let gemm = try XCTUnwrap(nodes.last)
        XCTAssertEqual(shapes[gemm.inputs[1]], [10, 40])
        // Stem; cells of 5 convs, 3 ReLUs (one per node read by convolutions), 3 Adds, plus the
        // skip conv when the width changes; blocks of 7 nodes; BN, ReLU, pool, Reshape, Gemm.
        XCTAssertEqual(nodes.count, 1 + 11 + 7 + 12 + 7 + 12 + 5)
        XCTAssertEqual(nodes.filter { $0.opType == "Conv" }.count, 1 + 5 + 3 + 6 + 3 + 6)
    }
}
