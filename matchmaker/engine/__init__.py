"""The pure matching engine: text analysis, the index and its kernels, scoring, teams, evaluation.

It imports nothing from Flask, SQLAlchemy or the rest of matchmaker (tests/unit/test_import_rules.py proves
it); the product reaches it through matchmaker/matching/services.py.
"""
