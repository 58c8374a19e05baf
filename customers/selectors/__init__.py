"""Partner-scoped reads, one module per topic. Every partner-facing query starts from these
functions; an object outside their result is "not found" (404), never "forbidden"."""

from .tenancy import PortalUser, customers_for, membership_of, partner_of, partner_scoped

__all__ = ["PortalUser", "customers_for", "membership_of", "partner_of", "partner_scoped"]
