// Module ONNXSimplify: see DEVELOPERS.md for what belongs here.
