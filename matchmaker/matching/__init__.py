"""The matching engine: pure Python and scikit-learn, no Flask. The web layer reaches it through services.py."""
