"""Customer Management reads: the partner's own customers (every field), its resellers'
customers (basic information only) and the reveal audit. Another partner's customer is never
in a result, so looking it up answers 404."""

from django.db.models import QuerySet

from ..models import ContactReveal, Customer, CustomerEvent, PartnerKind
from .tenancy import PortalUser, account_manager_scoped, managed_names, partner_of, partner_scoped

LIST_RELATED = ("tier2_reseller",)


def managed_customers_for(user: PortalUser) -> QuerySet[Customer]:
    """The customers the partner itself is associated with: quota, discount and contacts included.
    A sales user: those they (or their team) manage."""
    return account_manager_scoped(partner_scoped(Customer.objects.all(), user), user)


def sub_customers_for(user: PortalUser) -> QuerySet[Customer]:
    """A distributor's resellers' customers (basic information only); nothing for anyone else,
    nor for a distributor's sales users (the resellers' own staff manage those customers)."""
    partner = partner_of(user)
    if partner is None or partner.kind != PartnerKind.DISTRIBUTOR or managed_names(user) is not None:
        return Customer.objects.none()
    return Customer.objects.filter(partner__distributor=partner)


def customer_reveals_for(user: PortalUser) -> QuerySet[ContactReveal]:
    """The partner's reveal audit, newest first, with who and whom loaded."""
    return partner_scoped(ContactReveal.objects.all(), user).select_related("actor", "customer")


def customer_reveals(customer: Customer, *, most: int = 50) -> list[ContactReveal]:
    """The latest reveals of one customer's contacts (the caller checked the customer is the user's)."""
    return list(ContactReveal.objects.filter(customer=customer).select_related("actor")[:most])


def customer_events(customer: Customer) -> list[CustomerEvent]:
    """The customer's association status changes (disassociation requests and answers), oldest first."""
    return list(CustomerEvent.objects.filter(customer=customer).select_related("actor"))
