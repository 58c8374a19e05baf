"""The partner's export jobs (Export History)."""

from django.db.models import QuerySet

from customers.selectors import PortalUser, partner_scoped

from ..models import DetailLine, ExportJob, ExportMethod


def exports_for(user: PortalUser) -> QuerySet[ExportJob]:
    return partner_scoped(ExportJob.objects.all(), user)


def export_history(user: PortalUser, *, rows: int) -> list[ExportJob]:
    """The partner's latest exports, newest first, with what the history shows of each."""
    jobs = exports_for(user).select_related("period", "requested_by").prefetch_related("programs")
    return list(jobs[:rows])


def export_detail_lines(job: ExportJob) -> QuerySet[DetailLine]:
    """The detail lines an export job holds, scoped to its partner, in the file's order."""
    lines = DetailLine.objects.filter(partner_id=job.partner_id)
    if job.method == ExportMethod.SELECTED:
        lines = lines.filter(pk__in=job.detail_ids)
    else:
        lines = lines.filter(period_id=job.period_id)
        if job.method == ExportMethod.PROGRAMS:
            lines = lines.filter(program__in=job.programs.all())
    return lines.order_by("pk")
