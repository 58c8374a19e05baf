"""Partner-scoped reads. Every partner-facing query starts from these functions."""

from typing import TYPE_CHECKING, TypeAlias

from django.db.models import Q, QuerySet

from .models import Customer, Membership, Partner

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

# Who a request is from: a signed-in Django user (the project's AUTH_USER_MODEL) or AnonymousUser.
# What `request.user` is; every partner-scoped read and capability check takes one.
PortalUser: TypeAlias = "User | AnonymousUser"


def membership_of(user: PortalUser) -> Membership | None:
    """The user's membership, or None for anonymous users and users outside any partner."""
    if not user.is_authenticated:
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def partner_of(user: PortalUser) -> Partner | None:
    membership = membership_of(user)
    return membership.partner if membership else None


def customers_for(user: PortalUser) -> QuerySet[Customer]:
    """The partner's own customers; a distributor also sees its resellers' customers."""
    partner = partner_of(user)
    if partner is None:
        return Customer.objects.none()
    return Customer.objects.filter(Q(partner=partner) | Q(partner__distributor=partner))
