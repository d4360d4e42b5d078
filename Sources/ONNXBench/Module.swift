// Module ONNXBench: see DEVELOPERS.md for what belongs here.
