"""The operators' and vendor finance's admin for payment requests, one module per topic."""

from . import contracts, holds, payees, payments  # noqa: F401
