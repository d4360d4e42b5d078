// Module ONNXProto: see DEVELOPERS.md for what belongs here.
