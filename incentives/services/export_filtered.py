"""Exports of kinds other than the incentive details: the rows their page's filters select.

export_request (exports.py) hands such a request here; the job, the worker, Export History
and the download are the same for every kind.
"""

from collections.abc import Mapping

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from customers.languages import current_language
from customers.models import Partner
from partner_center.errors import InvalidInput
from partner_center.exports.registry import ExportKind

from ..models import ExportFormat, ExportJob, ExportMethod


def request_filtered(
    user: User,
    partner: Partner,
    kind: ExportKind,
    method: str,
    file_format: str,
    filters: Mapping[str, object] | None,
) -> ExportJob:
    """Another kind's export: the rows its page's filters select (ExportMethod.FILTERED)."""
    from ..tasks import build_export

    if kind.clean_filters is None or method != ExportMethod.FILTERED:
        raise InvalidInput(_("Unknown export method."))
    if file_format not in ExportFormat.values:
        raise InvalidInput(_("Unknown file format; choose xlsx or csv."))
    kept = kind.clean_filters(dict(filters or {}))
    with transaction.atomic():
        job = ExportJob.objects.create(
            partner=partner, requested_by=user, kind=kind.name, method=method, file_format=file_format,
            filters=kept, language=current_language(),
        )  # fmt: skip
        transaction.on_commit(lambda: build_export.delay(job.pk))
    return job
