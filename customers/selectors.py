"""Partner-scoped reads. Every partner-facing query starts from these functions."""

from django.db.models import Q

from .models import Customer, Membership, Partner


def membership_of(user):
    """The user's membership, or None for anonymous users and users outside any partner."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def partner_of(user) -> Partner | None:
    membership = membership_of(user)
    return membership.partner if membership else None


def customers_for(user):
    """The partner's own customers; a distributor also sees its resellers' customers."""
    partner = partner_of(user)
    if partner is None:
        return Customer.objects.none()
    return Customer.objects.filter(Q(partner=partner) | Q(partner__distributor=partner))
