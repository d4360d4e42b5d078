// Module ONNXShapeInference: see DEVELOPERS.md for what belongs here.
