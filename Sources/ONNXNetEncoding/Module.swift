// Module ONNXNetEncoding: see DEVELOPERS.md for what belongs here.
