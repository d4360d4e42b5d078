import ONNXModel
import ONNXShapeInference

/// Fills value_info through the project's shape inference (the reference pipeline runs ONNX
/// shape inference on every exported file).
enum NetworkShapes {
    static func annotate(_ model: Model) -> Model {
        ShapeInference.annotate(model)
    }
}
