"""Organisations of the local society and the people who belong to them."""
