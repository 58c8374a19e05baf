"""The partner's export jobs (Export History)."""

from django.db.models import QuerySet

from customers.selectors import partner_of

from ..models import ExportJob


def exports_for(user) -> QuerySet[ExportJob]:
    partner = partner_of(user)
    if partner is None:
        return ExportJob.objects.none()
    return ExportJob.objects.filter(partner=partner)


def export_history(user, *, rows: int) -> list[ExportJob]:
    """The partner's latest exports, newest first, with what the history shows of each."""
    jobs = exports_for(user).select_related("period", "requested_by").prefetch_related("programs")
    return list(jobs[:rows])
