"""Reference data: the university's departments and the 17 UN Sustainable Development Goals."""
