"""The partner's MDF quotas and their figures."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet

from customers.selectors import PortalUser, partner_scoped

from ..models import ApplicationStatus, Quota
from ..policies import claim_counts_as_claimed, claim_is_paid, committed


@dataclass(frozen=True)
class QuotaFigures:
    """Requested: under review. Approved: approved applications. Claimed: claims submitted
    or further. Paid: paid claims. Left: the quota less what applications hold of it."""

    quota: Quota
    requested: Decimal
    approved: Decimal
    claimed: Decimal
    paid: Decimal
    left: Decimal


def quotas_for(user: PortalUser) -> QuerySet[Quota]:
    return partner_scoped(Quota.objects.all(), user).order_by("-year", "span")


def quota_figures(quota: Quota) -> QuotaFigures:
    """Computed from the quota's applications and claims (a few dozen rows); the submit
    service calls this under the quota's row lock, so the check and the figures agree."""
    requested = approved = claimed = paid = held = Decimal("0")
    applications = quota.applications.filter(
        status__in=[ApplicationStatus.UNDER_REVIEW, ApplicationStatus.APPROVED]
    ).select_related("claim")
    for application in applications:
        claim = getattr(application, "claim", None)
        held += committed(application)
        if application.status == ApplicationStatus.UNDER_REVIEW:
            requested += application.amount
        elif application.status == ApplicationStatus.APPROVED:
            approved += application.amount
            if claim is not None and claim_counts_as_claimed(claim):
                claimed += claim.amount
            if claim is not None and claim_is_paid(claim):
                paid += claim.amount
    return QuotaFigures(quota, requested, approved, claimed, paid, left=quota.amount - held)


def quota_covering(partner_id: int, day: date) -> Quota | None:
    """The partner's quota whose span holds the day (half-year before whole year)."""
    return (
        Quota.objects.filter(partner_id=partner_id, starts_on__lte=day, ends_on__gte=day)
        .order_by("span")
        .first()
    )


def figures_for(user: PortalUser) -> list[QuotaFigures]:
    return [quota_figures(quota) for quota in quotas_for(user)]
