"""Export jobs: request, build (in the worker), download, expire. All writes to ExportJob.

The worker's build is safe to run twice or after a crash: it starts from scratch, writes to
a temporary file, and only the first run to finish moves its file into storage and marks the
job completed, in one transaction; a later or concurrent run finds the job finished and
discards its own file. Nothing partial is ever attached to a job.
"""

import logging
import os
import tempfile
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files import File
from django.db import transaction
from django.db.models import F, QuerySet
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.capabilities import Capability, require_capability
from partner_center.errors import InvalidInput
from partner_center.formatting import count

from ..export_builder import BuildResult, write_csv, write_xlsx
from ..models import (
    DetailLine,
    ExportFormat,
    ExportJob,
    ExportMethod,
    ExportStatus,
    IncentiveProgram,
    ReconciliationPeriod,
)

logger = logging.getLogger(__name__)
CONTENT_TYPES = {
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.CSV: "text/csv; charset=utf-8",
}
# Columns of export_builder.COLUMNS, read straight from the database in that order.
ROW_FIELDS = [
    "incentive__incentive_id",
    "order_id",
    "period__code",
    "program__name",
    "customer__name",
    "customer__account",
    "product_type",
    "tier2_reseller__name",
    "account_manager",
    "revenue",
    "rate",
    "amount",
    "incentive__statement__status",
    "feedback_status",
    "feedback",
]


def export_request(
    *,
    user: AbstractBaseUser,
    method: str,
    file_format: str = ExportFormat.XLSX,
    period: str | None = None,
    programs: Sequence[str] = (),
    detail_ids: Sequence[int | str] = (),
) -> ExportJob:
    """Validate and queue an export; the worker builds it. Returns the job (status queued)."""
    from ..tasks import build_export

    partner = require_capability(user, Capability.EXPORT).partner
    if method not in ExportMethod.values:
        raise InvalidInput(_("Unknown export method."))
    if file_format not in ExportFormat.values:
        raise InvalidInput(_("Unknown file format; choose xlsx or csv."))
    lines = DetailLine.objects.filter(partner=partner)
    period_obj, program_objs, ids = None, [], []
    if method in (ExportMethod.PERIOD, ExportMethod.PROGRAMS):
        period_obj = ReconciliationPeriod.objects.filter(code=period, statements__partner=partner).first()
        if period_obj is None:
            raise InvalidInput(_("Choose a reconciliation period of your account."))
    if method == ExportMethod.PROGRAMS:
        program_objs = list(IncentiveProgram.objects.filter(code__in=list(programs or [])))
        if not program_objs or len(program_objs) != len(set(programs)):
            raise InvalidInput(_("Choose one or more incentive programs."))
    if method == ExportMethod.SELECTED:
        ids = _valid_selection(lines, detail_ids)
    with transaction.atomic():
        job = ExportJob.objects.create(
            partner=partner, requested_by=user, method=method, file_format=file_format,
            period=period_obj, detail_ids=ids,
        )  # fmt: skip
        job.programs.set(program_objs)
        transaction.on_commit(lambda: build_export.delay(job.pk))
    return job


def _valid_selection(lines: QuerySet[DetailLine], detail_ids: Sequence[int | str]) -> list[int]:
    try:
        ids = sorted({int(pk) for pk in detail_ids})
    except (TypeError, ValueError):
        raise InvalidInput(_("The selection is not a list of detail line IDs.")) from None
    if not ids:
        raise InvalidInput(_("Select at least one detail line to export."))
    limit = settings.EXPORT_SELECTED_LIMIT
    if len(ids) > limit:
        message = _("You selected %(count)s lines; Export Selected takes at most %(limit)s.") % {
            "count": count(len(ids)),
            "limit": count(limit),
        }
        raise InvalidInput(f"{message} {_('Export by period instead.')}")
    found = lines.filter(pk__in=ids).count()
    if found != len(ids):
        # "not found" and "not yours" read the same, so nobody learns which IDs exist
        raise InvalidInput(_("Some selected lines are not in your account; nothing was exported."))
    return ids


def export_lines(job: ExportJob) -> QuerySet[DetailLine]:
    """The job's detail lines, scoped to its partner, in a stable order."""
    lines = DetailLine.objects.filter(partner_id=job.partner_id)
    if job.method == ExportMethod.SELECTED:
        lines = lines.filter(pk__in=job.detail_ids)
    else:
        lines = lines.filter(period_id=job.period_id)
        if job.method == ExportMethod.PROGRAMS:
            lines = lines.filter(program__in=job.programs.all())
    return lines.order_by("pk")


def export_run(job_id: int) -> ExportJob:
    """Build the job's file (the worker calls this). Idempotent; marks failures with a reason."""
    job = _claim(job_id)
    if job is None:
        return ExportJob.objects.get(pk=job_id)
    suffix = f".{job.file_format}"
    handle, path = tempfile.mkstemp(suffix=suffix, prefix=f"export-{job.pk}-")
    try:
        with os.fdopen(handle, "wb") as out:
            result = _build(job, out)
        return _finish(job, path, result)
    except Exception as error:
        logger.exception("export %s failed", job_id)
        export_fail(
            job_id=job_id,
            reason=_(
                "The export failed (%(error)s). Please export again; if it fails again, contact support."
            )
            % {"error": type(error).__name__},
        )
        return ExportJob.objects.get(pk=job_id)
    finally:
        if os.path.exists(path):
            os.unlink(path)


def _claim(job_id: int) -> ExportJob | None:
    """Mark the job running for this attempt, or None when it has already ended."""
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().get(pk=job_id)
        if job.status not in (ExportStatus.QUEUED, ExportStatus.RUNNING):
            return None
        now = timezone.now()  # the job's time starts here, counting its lines included
        job.status, job.started_at, job.heartbeat_at = ExportStatus.RUNNING, now, now
        job.attempts = F("attempts") + 1
        job.rows_total, job.rows_written, job.error = export_lines(job).count(), 0, ""
        job.save(
            update_fields=[
                "status",
                "started_at",
                "heartbeat_at",
                "attempts",
                "rows_total",
                "rows_written",
                "error",
            ]
        )
        job.refresh_from_db()
        return job


def _build(job, out):
    def progress(rows):
        ExportJob.objects.filter(pk=job.pk, status=ExportStatus.RUNNING).update(
            rows_written=rows, heartbeat_at=timezone.now()
        )

    rows = export_lines(job).values_list(*ROW_FIELDS).iterator(chunk_size=settings.EXPORT_CHUNK_ROWS)
    rows = _with_labels(rows)
    every = settings.EXPORT_PROGRESS_ROWS
    if job.file_format == ExportFormat.CSV:
        return write_csv(rows, out, progress=progress, every=every)
    return write_xlsx(
        rows, out, max_sheet_rows=settings.EXPORT_MAX_SHEET_ROWS, progress=progress, every=every
    )


def _with_labels(rows):
    from ..models import FeedbackStatus, StatementStatus

    statuses = {value: str(label) for value, label in StatementStatus.choices}
    feedback = {value: str(label) for value, label in FeedbackStatus.choices if value}
    for row in rows:
        row = list(row)
        row[12] = statuses.get(row[12], row[12])
        row[13] = feedback.get(row[13], "")
        yield row


def _finish(job: ExportJob, path: str, result: BuildResult) -> ExportJob:
    with transaction.atomic():
        current = ExportJob.objects.select_for_update().get(pk=job.pk)
        if current.status != ExportStatus.RUNNING:
            return current  # another delivery finished first, or the job expired meanwhile
        name = _file_name(current)
        with open(path, "rb") as built:
            current.file.save(name, File(built), save=False)
        now = timezone.now()
        current.status = ExportStatus.COMPLETED
        current.file_name = name
        current.size_bytes = current.file.size
        current.rows_written = result.rows
        current.total_amount = result.total_amount
        current.finished_at = now
        current.expires_at = now + timedelta(days=settings.EXPORT_RETENTION_DAYS)
        current.save()
        return current


def _file_name(job: ExportJob) -> str:
    scope = job.period.code if job.period_id else _("selected")
    stamp = timezone.localtime(job.requested_at).strftime("%Y%m%d-%H%M%S")
    return f"incentive-details-{job.partner.code}-{scope}-{stamp}-{job.pk}.{job.file_format}"


def export_file_response(job: ExportJob) -> FileResponse:
    """The finished file as a download: server-made name, the format's content type."""
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.file_name,
        content_type=CONTENT_TYPES[job.file_format],
    )


def export_fail(*, job_id: int, reason: str) -> None:
    """Mark a job failed with a reason people can read; a finished job stays as it is."""
    ExportJob.objects.filter(pk=job_id, status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING]).update(
        status=ExportStatus.FAILED, error=str(reason)[:2000], finished_at=timezone.now()
    )


def exports_expire(*, now: datetime | None = None) -> dict[str, int]:
    """Beat job: delete files past their expiry (job -> expired) and fail jobs whose worker vanished."""
    now = now or timezone.now()
    expired = 0
    for job in ExportJob.objects.filter(status=ExportStatus.COMPLETED, expires_at__lte=now):
        with transaction.atomic():
            locked = ExportJob.objects.select_for_update().get(pk=job.pk)
            if locked.status != ExportStatus.COMPLETED:
                continue
            if locked.file:
                locked.file.delete(save=False)
            locked.status, locked.file = ExportStatus.EXPIRED, ""
            locked.save(update_fields=["status", "file"])
            expired += 1
    stale_before = now - timedelta(seconds=settings.EXPORT_STALE_SECONDS)
    stale = ExportJob.objects.filter(status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING])
    stale = stale.filter(heartbeat_at__lt=stale_before) | stale.filter(
        heartbeat_at__isnull=True, requested_at__lt=stale_before
    )
    failed = stale.update(
        status=ExportStatus.FAILED,
        error=_("The export stopped without finishing (the worker was interrupted). Please export again."),
        finished_at=now,
    )
    return {"expired": expired, "failed": failed}
