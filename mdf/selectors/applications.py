"""Partner-scoped reads of MDF applications, their claims, proof and timelines."""

from difflib import SequenceMatcher

from django.db.models import QuerySet

from customers.selectors import PortalUser, partner_scoped

from ..models import Application, ApplicationStatus, Claim, MdfEvent, Proof

SIMILAR_TITLE = 0.6  # difflib ratio from which two titles read as the same activity


def applications_for(user: PortalUser) -> QuerySet[Application]:
    return partner_scoped(Application.objects.all(), user).select_related("quota", "claim")


def claims_for(user: PortalUser) -> QuerySet[Claim]:
    return partner_scoped(Claim.objects.all(), user, "application__partner").select_related("application")


def proofs_for(user: PortalUser) -> QuerySet[Proof]:
    return partner_scoped(Proof.objects.all(), user, "claim__application__partner")


def timeline(application: Application) -> QuerySet[MdfEvent]:
    """The application's and its claim's events, oldest first."""
    return application.events.select_related("actor").order_by("at", "id")


def likely_duplicates(application: Application) -> list[Application]:
    """The partner's other live applications with overlapping dates and a similar title."""
    others = (
        Application.objects.filter(
            partner_id=application.partner_id,
            starts_on__lte=application.ends_on,
            ends_on__gte=application.starts_on,
        )
        .exclude(pk=application.pk)
        .exclude(status__in=[ApplicationStatus.REJECTED, ApplicationStatus.CANCELLED])
    )
    title = application.title.casefold().strip()
    return [
        other
        for other in others
        if SequenceMatcher(None, title, other.title.casefold().strip()).ratio() >= SIMILAR_TITLE
    ]
