"""Export jobs: what to export, and the worker's progress and result."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partner_center.service_owned import ALL

from .base import MONEY
from .catalogue import IncentiveProgram, ReconciliationPeriod


class ExportMethod(models.TextChoices):
    PERIOD = "period", _("Export by period")
    PROGRAMS = "programs", _("Export by incentive plan name")
    SELECTED = "selected", _("Export selected")
    FILTERED = "filtered", _("Export by filters")  # another kind's rows, by its page's filters


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", _("Excel (.xlsx)")
    CSV = "csv", _("CSV (.csv)")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


class ExportJob(models.Model):
    """One export request: what to export, and the worker's progress and result."""

    partner = models.ForeignKey("customers.Partner", on_delete=models.PROTECT, related_name="exports")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    # the requester's language when asking (a code of settings.LANGUAGES): the worker writes
    # the file's headers, labels, Summary and name in it
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    # an export kind's name (partner_center/exports/registry.py): which rows, which columns
    kind = models.CharField(_("kind"), max_length=40, default="incentive_details")
    method = models.CharField(_("export method"), max_length=10, choices=ExportMethod.choices)
    file_format = models.CharField(_("format"), max_length=4, choices=ExportFormat.choices)
    period = models.ForeignKey(ReconciliationPeriod, on_delete=models.PROTECT, null=True, blank=True)
    programs = models.ManyToManyField(IncentiveProgram, blank=True, verbose_name=_("programs"))
    detail_ids = models.JSONField(_("selected lines"), default=list, blank=True)
    # FILTERED: the filters of the kind's page, as its clean_filters() kept them
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("rows to write"), null=True, blank=True)
    rows_written = models.PositiveIntegerField(_("rows written"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    heartbeat_at = models.DateTimeField(_("last progress"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", blank=True, max_length=255)
    file_name = models.CharField(_("file name"), max_length=120, blank=True)
    size_bytes = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    total_amount = models.DecimalField(_("total amount"), **MONEY, null=True, blank=True)
    error = models.TextField(_("reason"), blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    SERVICE_OWNED_FIELDS = ALL  # the request (export_request) and the worker's progress and result

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-requested_at", "-id"]
        indexes = [
            models.Index(fields=["partner", "-requested_at"], name="export_history"),
            models.Index(fields=["status", "expires_at"], name="export_expiry"),
        ]
        permissions = [("download_any_export", "Can download any partner's export")]

    def __str__(self):
        return self.file_name or f"export {self.pk}"
