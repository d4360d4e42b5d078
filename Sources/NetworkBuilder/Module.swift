// Module NetworkBuilder: see DEVELOPERS.md for what belongs here.
