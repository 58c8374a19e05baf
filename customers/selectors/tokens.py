"""The API tokens a user may see and revoke (the tokens page and /api/v1/auth/tokens/)."""

from django.db.models import Q, QuerySet
from django.utils import timezone
from knox.models import AuthToken

from .tenancy import PortalUser, membership_of


def api_tokens_for(user: PortalUser) -> QuerySet:
    """The API tokens a user may see and revoke: their own that have not expired, and a partner
    admin's also those of the partner's other users (customers/capabilities.py)."""
    from ..capabilities import Capability, membership_can  # capabilities reads the selectors

    if not user.is_authenticated:
        return AuthToken.objects.none()
    mine = Q(user=user)
    membership = membership_of(user)
    if membership_can(membership, Capability.MANAGE_USERS_TOKENS):
        mine |= Q(user__membership__partner_id=membership.partner_id)  # type: ignore[union-attr]
    live = Q(expiry__isnull=True) | Q(expiry__gt=timezone.now())
    return AuthToken.objects.filter(mine & live).select_related("user").order_by("-created", "token_key")
