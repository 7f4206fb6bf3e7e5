"""Initiatives: the register of what the university community does for society, and its public showcase."""
