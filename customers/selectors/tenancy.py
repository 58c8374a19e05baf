"""Partner-scoped reads. Every partner-facing query starts from these functions."""

from typing import TYPE_CHECKING, TypeAlias, TypeVar

from django.db.models import Model, Q, QuerySet

from ..models import Customer, Membership, Partner

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

M = TypeVar("M", bound=Model)

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


def partner_scoped(queryset: QuerySet[M], user: PortalUser, path: str = "partner") -> QuerySet[M]:
    """`queryset` narrowed to the user's partner through `path`; nothing for non-members.

    The one tenancy rule behind every `*_for(user)` selector of every app.
    """
    partner = partner_of(user)
    if partner is None:
        return queryset.none()
    return queryset.filter(**{path: partner})


def customers_for(user: PortalUser) -> QuerySet[Customer]:
    """The partner's own customers; a distributor also sees its resellers' customers."""
    partner = partner_of(user)
    if partner is None:
        return Customer.objects.none()
    return Customer.objects.filter(Q(partner=partner) | Q(partner__distributor=partner))
