// Module SearchSpaces: see DEVELOPERS.md for what belongs here.
