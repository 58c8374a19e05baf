"""What a customer's or an authorisation's state allows. Services enforce these; views, API
and templates ask them ({% load customer_policies %}), never comparing status strings."""

from .models import AssociationType, Authorisation, AuthorisationStatus, Customer, CustomerStatus

A = AuthorisationStatus
PENDING = frozenset({A.PENDING_DISTRIBUTOR, A.PENDING_CUSTOMER})
LIVE = PENDING | {A.AUTHORISED}  # a partner has at most one of these per customer


def authorisation_is_pending(authorisation: Authorisation) -> bool:
    return authorisation.status in PENDING


def authorisation_awaits_distributor(authorisation: Authorisation) -> bool:
    return authorisation.status == A.PENDING_DISTRIBUTOR


def authorisation_awaits_customer(authorisation: Authorisation) -> bool:
    return authorisation.status == A.PENDING_CUSTOMER


def authorisation_is_live(authorisation: Authorisation) -> bool:
    return authorisation.status in LIVE


def authorisation_allows_ordering(authorisation: Authorisation | None) -> bool:
    return authorisation is not None and authorisation.status == A.AUTHORISED


def customer_needs_authorisation(customer: Customer) -> bool:
    """Ordering for a resale customer needs a live authorisation; referral customers order themselves."""
    return customer.association_type == AssociationType.RESALE


def customer_is_associated(customer: Customer) -> bool:
    return customer.status == CustomerStatus.ASSOCIATED
