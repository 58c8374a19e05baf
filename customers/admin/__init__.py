"""The operators' Django admin for partners and customers, one module per topic. Importing them registers them."""

from . import partners  # noqa: F401
