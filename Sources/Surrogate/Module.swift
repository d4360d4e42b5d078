// Module Surrogate: see DEVELOPERS.md for what belongs here.
