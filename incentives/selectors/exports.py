"""The partner's export jobs (Export History)."""

from django.db.models import QuerySet

from customers.selectors import PortalUser, partner_scoped

from ..models import ExportJob


def exports_for(user: PortalUser) -> QuerySet[ExportJob]:
    return partner_scoped(ExportJob.objects.all(), user)


def export_history(user: PortalUser, *, rows: int) -> list[ExportJob]:
    """The partner's latest exports, newest first, with what the history shows of each."""
    jobs = exports_for(user).select_related("period", "requested_by").prefetch_related("programs")
    return list(jobs[:rows])
