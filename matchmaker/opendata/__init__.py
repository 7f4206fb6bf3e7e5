"""Open data: the public register, its indicator values and the public challenges as files at stable addresses,
their data dictionary, and the DCAT-AP_IT catalogue that describes them."""
