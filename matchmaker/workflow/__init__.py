"""The co-design workflow: proposals carried from a first message to a completed partnership."""
