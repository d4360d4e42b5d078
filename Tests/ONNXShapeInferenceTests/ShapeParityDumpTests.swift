import Foundation
import XCTest
import ONNXModel
import ONNXNetSupport
@testable import ONNXShapeInference

/// Not a check by itself: `scripts/check_shape_parity.py` runs this test with
/// `ONNXNET_SHAPE_PARITY_LIST` (a file of model paths, one a line) and
/// `ONNXNET_SHAPE_PARITY_OUT` (where to write our results as JSON) and compares them with
/// onnx's shape inference. Skipped when the variables are not set.
final class ShapeParityDumpTests: XCTestCase {
    func testDumpInferredShapes() throws {
        let env = ProcessInfo.processInfo.environment
        guard let listPath = env["ONNXNET_SHAPE_PARITY_LIST"], let outPath = env["ONNXNET_SHAPE_PARITY_OUT"] else {
            throw XCTSkip("ONNXNET_SHAPE_PARITY_LIST / ONNXNET_SHAPE_PARITY_OUT not set")
        }
        let options = ShapeInference.Options(dataPropagation: env["ONNXNET_SHAPE_PARITY_DATA_PROP"] == "1")
        let paths = try String(contentsOfFile: listPath, encoding: .utf8).split(separator: "\n").map(String.init)
        var out = "{"
        for (i, path) in paths.enumerated() where !path.isEmpty {
            if i > 0 { out += ",\n" }
            JSONValue.writeString(path, to: &out)
            out += ":"
            do {
                let model = try ModelLoader.load(path: path)
                out += ShapeInference.infer(model, options: options).jsonText
            } catch {
                out += "{\"types\":{},\"warnings\":[\"load failed\"]}"
            }
        }
        out += "}\n"
        try out.write(toFile: outPath, atomically: true, encoding: .utf8)
    }
}
