"""The partner's export jobs (Export History)."""

from django.db.models import QuerySet
from django.utils.translation import gettext, ngettext

from customers.capabilities import Capability, user_can
from customers.selectors import PortalUser, account_manager_scoped, partner_scoped
from partner_center import formatting
from partner_center.exports.registry import ExportKind, kinds

from ..models import DetailLine, ExportJob, ExportMethod


def exports_for(user: PortalUser) -> QuerySet[ExportJob]:
    """The partner's jobs, less those of kinds kept to a capability the user lacks (a finance
    user never sees the admin's customer export: it is a 404 to them)."""
    jobs = partner_scoped(ExportJob.objects.all(), user)
    hidden = [
        kind.name
        for kind in kinds()
        if kind.history_capability and not user_can(user, Capability(kind.history_capability))
    ]
    return jobs.exclude(kind__in=hidden) if hidden else jobs


def export_history(user: PortalUser, *, rows: int) -> list[ExportJob]:
    """The partner's latest exports, newest first, with what the history shows of each."""
    jobs = exports_for(user).select_related("period", "requested_by").prefetch_related("programs")
    return list(jobs[:rows])


def export_detail_lines(job: ExportJob) -> QuerySet[DetailLine]:
    """The detail lines an export job holds, scoped to its partner and to the account managers
    its requester sees (today only admin and finance export: all of them), in the file's order."""
    lines = account_manager_scoped(DetailLine.objects.filter(partner_id=job.partner_id), job.requested_by)
    if job.method == ExportMethod.SELECTED:
        lines = lines.filter(pk__in=job.detail_ids)
    else:
        lines = lines.filter(period_id=job.period_id)
        if job.method == ExportMethod.PROGRAMS:
            lines = lines.filter(program__in=job.programs.all())
    return lines.order_by("pk")


def export_detail_scope(job: ExportJob) -> list[tuple[str, object]]:
    """What a detail-lines file covers, in words of the active language (its Summary sheet)."""
    if job.method == ExportMethod.SELECTED:
        codes = export_detail_lines(job).order_by("period__code").values_list("period__code", flat=True)
        periods = ", ".join(codes.distinct())
        count = len(job.detail_ids)
        filters = ngettext("%(count)s selected detail line", "%(count)s selected detail lines", count) % {
            "count": formatting.count(count)
        }
    else:
        periods = job.period.code if job.period is not None else ""
        filters = gettext("All incentive programs of the period")
        if job.method == ExportMethod.PROGRAMS:
            programs = ", ".join(f"{p.name} ({p.code})" for p in job.programs.order_by("code"))
            filters = gettext("Incentive programs: %(programs)s") % {"programs": programs}
    return [
        (gettext("Reconciliation period"), periods),
        (gettext("Export method"), job.get_method_display()),
        (gettext("Filters"), filters),
    ]


def export_cover(job: ExportJob, kind: ExportKind) -> list[tuple[str, object]]:
    """The Summary's lines on what a file covers: partner, the kind's scope, who and when."""
    user = job.requested_by
    name = user.get_full_name()
    return [
        (gettext("Partner"), job.partner.name),
        (gettext("Partner code"), job.partner.code),
        *(kind.describe(job) if kind.describe else []),
        (gettext("Requested by"), f"{name} ({user.get_username()})" if name else user.get_username()),
        (gettext("Requested at"), formatting.local_time(job.requested_at, seconds=True)),
    ]
