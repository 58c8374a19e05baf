"""The FilterSets of the customers module, shared by the pages and the API."""
