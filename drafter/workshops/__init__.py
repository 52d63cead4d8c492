"""Workshop mode: a trainer runs a drafting workshop; teams join with a code and each
drafts its own copy of a scenario plan; a live dashboard and a debrief pack show where
the room struggled."""
