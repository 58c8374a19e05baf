"""Partner-scoped reads, one module per topic. Every partner-facing query starts from these
functions; an object outside their result is "not found" (404), never "forbidden"."""

from .customers import customer_reveals_for, managed_customers_for, sub_customers_for
from .tenancy import (
    PortalUser,
    account_manager_scoped,
    customers_for,
    managed_names,
    manager_name_of,
    membership_of,
    partner_of,
    partner_scoped,
)
from .tokens import api_tokens_for

__all__ = [
    "PortalUser",
    "account_manager_scoped",
    "api_tokens_for",
    "customer_reveals_for",
    "customers_for",
    "managed_customers_for",
    "managed_names",
    "manager_name_of",
    "membership_of",
    "partner_of",
    "partner_scoped",
    "sub_customers_for",
]
