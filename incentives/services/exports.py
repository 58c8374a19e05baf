"""Export jobs: request, build (in the worker), download, expire. All writes to ExportJob.

The worker's build is safe to run twice or after a crash: it starts from scratch, writes to
a temporary file, and only the first run to finish moves its file into storage and marks the
job completed, in one transaction; a later or concurrent run finds the job finished and
discards its own file. Nothing partial is ever attached to a job.
"""

import logging
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import BinaryIO

from django.conf import settings
from django.contrib.auth.models import User
from django.db import InterfaceError, OperationalError, connections, transaction
from django.db.models import F, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from customers.capabilities import Capability, require_capability
from customers.languages import current_language
from partner_center.errors import InvalidInput
from partner_center.exports.columns import BuildResult
from partner_center.exports.csv import write_csv
from partner_center.exports.postgres import copy_csv
from partner_center.exports.registry import ExportKind, get_kind
from partner_center.exports.tmp import export_tmp_sweep, temporary_files_in_export_dir
from partner_center.exports.xlsx import write_xlsx
from partner_center.formatting import count
from partner_center.params import whole_number

from ..export_kinds import INCENTIVE_DETAILS
from ..models import (
    DetailLine,
    ExportFormat,
    ExportJob,
    ExportMethod,
    ExportStatus,
    IncentiveProgram,
    ReconciliationPeriod,
)
from ..selectors.details import detail_lines_for
from ..selectors.exports import export_cover
from .export_files import CONTENT_TYPES, discard_leftovers, export_file_response, store_built_file

__all__ = ["CONTENT_TYPES", "export_file_response"]  # the views' download, beside the rest of the jobs' API
from .export_filtered import request_filtered as _request_filtered

logger = logging.getLogger(__name__)


def export_request(
    *,
    user: User,
    method: str,
    file_format: str = ExportFormat.XLSX,
    period: str | None = None,
    programs: Sequence[str] = (),
    detail_ids: Sequence[int | str] = (),
    kind: str = INCENTIVE_DETAILS,
    filters: Mapping[str, object] | None = None,
) -> ExportJob:
    """Validate and queue an export; the worker builds it. Returns the job (status queued)."""
    from ..tasks import build_export

    try:
        export_kind = get_kind(kind)
    except KeyError:
        raise InvalidInput(_("Unknown kind of export.")) from None
    partner = require_capability(user, Capability(export_kind.capability)).partner
    if export_kind.clean_filters is not None or method == ExportMethod.FILTERED:
        return _request_filtered(user, partner, export_kind, method, file_format, filters)
    if method not in ExportMethod.values:
        raise InvalidInput(_("Unknown export method."))
    if file_format not in ExportFormat.values:
        raise InvalidInput(_("Unknown file format; choose xlsx or csv."))
    lines = export_kind.selectable(partner) if export_kind.selectable else detail_lines_for(user)
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
            partner=partner, requested_by=user, kind=kind, method=method, file_format=file_format,
            period=period_obj, detail_ids=ids, language=current_language(),
        )  # fmt: skip
        job.programs.set(program_objs)
        transaction.on_commit(lambda: build_export.delay(job.pk))
    return job


def _valid_selection(lines: QuerySet[DetailLine], detail_ids: Sequence[int | str]) -> list[int]:
    given = [None if isinstance(pk, bool) else whole_number(str(pk), minimum=1) for pk in detail_ids]
    if None in given:
        raise InvalidInput(_("The selection is not a list of detail line IDs."))
    ids = sorted({pk for pk in given if pk is not None})
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


def export_run(job_id: int) -> ExportJob:
    """Build the job's file (the worker calls this). Idempotent; marks failures with a reason."""
    job = _claim(job_id)
    if job is None:
        return ExportJob.objects.get(pk=job_id)
    with translation.override(job.language or settings.LANGUAGE_CODE):  # the requester's language
        return _run(job)


def _run(job: ExportJob) -> ExportJob:
    job_id = job.pk
    suffix = f".{job.file_format}"
    with temporary_files_in_export_dir() as folder:
        handle, path = tempfile.mkstemp(suffix=suffix, prefix=f"export-{job.pk}-", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                result = _build(job, out)
            return _finish(job, path, result)
        except (OperationalError, InterfaceError):
            raise  # the database went away: the task retries (tasks.TRANSIENT), the job is not failed
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
        job.rows_total, job.rows_written, job.error = get_kind(job.kind).rows(job).count(), 0, ""
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
        discard_leftovers(job)  # a retry after a killed attempt starts with an empty folder
        return job


def _build(job: ExportJob, out: BinaryIO) -> BuildResult:
    """The kind's rows in its columns; on PostgreSQL a CSV comes straight from COPY."""

    def progress(rows: int) -> None:
        ExportJob.objects.filter(pk=job.pk, status=ExportStatus.RUNNING).update(
            rows_written=rows, heartbeat_at=timezone.now()
        )

    kind = get_kind(job.kind)
    lines, every = kind.rows(job), settings.EXPORT_PROGRESS_ROWS
    postgres = connections[lines.db].vendor == "postgresql"
    if job.file_format == ExportFormat.CSV and postgres and kind.rewrite is None:
        return copy_csv(lines, out, kind.columns, progress=progress, every=every)
    rows: Iterable[Sequence] = lines.values_list(*kind.columns.fields).iterator(
        chunk_size=settings.EXPORT_CHUNK_ROWS
    )
    if kind.rewrite is not None:
        rows = map(kind.rewrite, rows)
    if job.file_format == ExportFormat.CSV:
        return write_csv(rows, out, kind.columns, progress=progress, every=every)
    return write_xlsx(
        rows, out, kind.columns, sheet_title=str(kind.sheet_title), count_label=str(kind.count_label),
        cover_title=str(kind.label), cover=export_cover(job, kind),
        max_sheet_rows=settings.EXPORT_MAX_SHEET_ROWS, progress=progress, every=every,
    )  # fmt: skip


def _finish(job: ExportJob, path: str, result: BuildResult) -> ExportJob:
    with transaction.atomic():
        current = ExportJob.objects.select_for_update().get(pk=job.pk)
        if current.status != ExportStatus.RUNNING:
            return current  # another delivery finished first, or the job expired meanwhile
        kind = get_kind(current.kind)
        name = _file_name(current, kind)
        current.file.name, size = store_built_file(current, name, path)
        now = timezone.now()
        current.status = ExportStatus.COMPLETED
        current.file_name = name
        current.size_bytes = size
        current.rows_written = result.rows
        # one figure only when it adds up one currency
        one_currency = len(result.groups) <= 1
        current.total_amount = result.totals[kind.job_total] if kind.job_total and one_currency else None
        current.finished_at = now
        current.expires_at = now + timedelta(days=settings.EXPORT_RETENTION_DAYS)
        current.save()
        return current


def _file_name(job: ExportJob, kind: ExportKind) -> str:
    scope = job.period.code if job.period is not None else _("selected")
    if job.method == ExportMethod.FILTERED:
        scope = _("filtered")
    stamp = timezone.localtime(job.requested_at).strftime("%Y%m%d-%H%M%S")
    return f"{str(kind.file_stem)}-{job.partner.code}-{scope}-{stamp}-{job.pk}.{job.file_format}"


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
            discard_leftovers(locked)
            expired += 1
    stale_before = now - timedelta(seconds=settings.EXPORT_STALE_SECONDS)
    stale = ExportJob.objects.filter(status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING])
    stale = stale.filter(heartbeat_at__lt=stale_before) | stale.filter(
        heartbeat_at__isnull=True, requested_at__lt=stale_before
    )
    failed, stale_ids = 0, list(stale.values_list("pk", flat=True))
    stale = ExportJob.objects.filter(pk__in=stale_ids, status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING])
    for language in set(stale.values_list("language", flat=True)):  # the reason in each requester's
        with translation.override(language):
            failed += stale.filter(language=language).update(
                status=ExportStatus.FAILED,
                error=_(
                    "The export stopped without finishing (the worker was interrupted). Please export again."
                ),
                finished_at=now,
            )
    for job in ExportJob.objects.filter(pk__in=stale_ids, status=ExportStatus.FAILED):
        discard_leftovers(job)  # a worker killed after storing its file, before committing
    # what killed workers left in the temporary folder (no export runs longer than its time limit)
    removed = export_tmp_sweep(older_than=settings.EXPORT_TIME_LIMIT, now=now.timestamp())
    return {"expired": expired, "failed": failed, "temporary_files_removed": removed}
