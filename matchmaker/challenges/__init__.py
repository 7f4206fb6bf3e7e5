"""Challenges: the needs that organisations bring to the university (the demand side)."""
