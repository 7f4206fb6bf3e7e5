"""The JSON API under /api/v1: open data for everyone, writes with personal access tokens."""
