"""The customers module's REST API (URLs in customers/api/urls.py)."""
