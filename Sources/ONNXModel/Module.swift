// Module ONNXModel: see DEVELOPERS.md for what belongs here.
