"""Accounts: registration, sign-in, e-mail verification, password reset, roles and API tokens."""
