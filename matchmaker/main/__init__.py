"""The public front: home page and language switch."""
