"""The reviewers' Django admin for MDF, one module per topic. Importing them registers them."""

from . import applications, claims, quotas  # noqa: F401
