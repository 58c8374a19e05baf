"""Authorisation reads: the partner's own requests, and (for a distributor) its resellers'
requests that wait for, or went through, its approval."""

from django.db.models import QuerySet

from ..models import Authorisation, AuthorisationEvent, AuthorisationStatus, Customer, PartnerKind
from .tenancy import PortalUser, account_manager_scoped, managed_names, partner_of, partner_scoped


def authorisations_for(user: PortalUser) -> QuerySet[Authorisation]:
    """The partner's own requests, newest first; a sales user's: those for the customers they manage."""
    found = account_manager_scoped(
        partner_scoped(Authorisation.objects.all(), user), user, "customer__account_manager"
    )
    return found.select_related("customer", "requested_by")


def is_partners_first_request(user: PortalUser) -> bool:
    """Whether the user's partner has made no request yet (whatever its sales users see)."""
    return not partner_scoped(Authorisation.objects.all(), user).exists()


def authorisations_awaiting_for(user: PortalUser, *, pending_only: bool = True) -> QuerySet[Authorisation]:
    """A distributor's resellers' requests (those waiting for its approval, or all); none for others,
    nor for a distributor's sales users (the resellers' customers are not theirs to manage)."""
    partner = partner_of(user)
    if partner is None or partner.kind != PartnerKind.DISTRIBUTOR or managed_names(user) is not None:
        return Authorisation.objects.none()
    found = Authorisation.objects.filter(partner__distributor=partner)
    if pending_only:
        found = found.filter(status=AuthorisationStatus.PENDING_DISTRIBUTOR)
    return found.select_related("customer", "partner", "requested_by")


def customer_authorisation(customer: Customer) -> Authorisation | None:
    """The customer's latest request by its own partner (the caller checked the customer is the user's)."""
    return Authorisation.objects.filter(partner_id=customer.partner_id, customer=customer).first()


def authorisation_events(authorisation: Authorisation) -> list[AuthorisationEvent]:
    return list(authorisation.events.select_related("actor"))
