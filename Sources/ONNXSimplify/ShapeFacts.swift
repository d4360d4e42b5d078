import ONNXModel
import ONNXShapeInference

/// Gathers the facts passes rely on: declarations, plus shape inference when enabled
/// (with data propagation, so that shapes computed by Shape/Gather/Concat chains resolve).
enum ShapeFacts {
    static func collect(_ model: Model, useInference: Bool) -> ValueFacts {
        var facts = ValueFacts(declaredIn: model.graph)
        guard useInference else { return facts }
        let result = ShapeInference.infer(model, options: ShapeInference.Options(dataPropagation: true))
        for (name, t) in result.types where t.elementType != .undefined {
            facts.merge(name, ValueFacts.Fact(elementType: t.elementType, shape: t.shape))
        }
        return facts
    }
}
