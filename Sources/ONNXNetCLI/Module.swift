// Module ONNXNetCLI: see DEVELOPERS.md for what belongs here.
