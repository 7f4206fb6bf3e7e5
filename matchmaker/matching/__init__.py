"""Matching in the product: stored matches, dismissals, the per-process index, its jobs, pages and commands.

The pure engine lives in matchmaker/engine/; services.py is the one bridge between it and the database.
"""
