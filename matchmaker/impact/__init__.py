"""Impact: the catalogue of indicators, their values per initiative and period with sources and verification, and
the published figures the dashboard, the report, open data and the API all count from."""
