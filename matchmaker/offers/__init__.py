"""Offers: what academics put at the service of the community (the supply side)."""
