"""FilterSets shared by pages and the API, one module per page."""
