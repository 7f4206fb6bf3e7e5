"""Academics: the profile that tells which department someone belongs to and what they know."""
