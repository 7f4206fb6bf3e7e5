"""Dashboards: what waits for each person after signing in, and the coordinators' review desk and pipeline."""
