"""The operators' and vendor finance's admin for payment requests, one module per topic."""

from . import contracts, holds, invoice_requests, payees, payments  # noqa: F401
