"""Partner-scoped reads. Every partner-facing query starts from these functions."""

from typing import TYPE_CHECKING, TypeAlias, TypeVar

from django.db.models import Model, Q, QuerySet

from ..models import Customer, Membership, Partner, Role

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


def manager_name_of(user: PortalUser) -> str:
    """The account-manager name a sales user carries on customers and lines: full name, else username.

    Customers, detail lines, Details totals and the dashboards' figures hold this name
    (`account_manager`); it is the link between a sales user and their customers."""
    if not user.is_authenticated:
        return ""
    return user.get_full_name() or user.get_username()


def managed_names(user: PortalUser) -> frozenset[str] | None:
    """The account managers whose customers the user sees; None: every one of the partner's.

    Roles that see all account managers (admin, finance, viewer: SEE_ALL_ACCOUNT_MANAGERS)
    are not narrowed. A sales user sees their own customers, and a supervisor also those of
    their team (the sales users whose supervisor they are; one level). Outside any partner:
    nobody's. Read once per request (kept on the membership)."""
    from ..capabilities import Capability, membership_can  # capabilities imports this package

    membership = membership_of(user)
    if membership is None:
        return frozenset()
    if membership_can(membership, Capability.SEE_ALL_ACCOUNT_MANAGERS):
        return None
    cached: frozenset[str] | None = getattr(membership, "_managed_names", None)
    if cached is None:
        team = Membership.objects.filter(supervisor=membership, role=Role.SALES).select_related("user")
        cached = frozenset({manager_name_of(user), *(manager_name_of(member.user) for member in team)})
        membership._managed_names = cached  # type: ignore[attr-defined]
    return cached


def account_manager_scoped(
    queryset: QuerySet[M], user: PortalUser, path: str = "account_manager"
) -> QuerySet[M]:
    """`queryset` narrowed to the customers the user manages (through the account-manager name at
    `path`); unchanged for users who see every account manager.

    The one account-manager rule: customers, detail lines, Details totals, the Summary's and
    the dashboards' figures and the exports all go through it, after `partner_scoped`."""
    names = managed_names(user)
    if names is None:
        return queryset
    return queryset.filter(**{f"{path}__in": sorted(names)})


def customers_for(user: PortalUser) -> QuerySet[Customer]:
    """The partner's own customers; a distributor also sees its resellers' customers.

    A sales user: only their own (or their team's) customers of their own partner."""
    partner = partner_of(user)
    if partner is None:
        return Customer.objects.none()
    if managed_names(user) is not None:
        return account_manager_scoped(Customer.objects.filter(partner=partner), user)
    return Customer.objects.filter(Q(partner=partner) | Q(partner__distributor=partner))
