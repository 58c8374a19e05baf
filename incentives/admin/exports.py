"""Vendor finance in the admin: every partner's exports, with a download for permitted staff."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from partner_center.admin_read_only import ServiceOwnedReadOnly

from ..models import ExportJob
from ..policies import export_is_downloadable
from ..services.exports import export_file_response


@admin.register(ExportJob)
class ExportJobAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = [
        "requested_at", "partner", "method", "file_format", "language", "period", "requested_by", "status",
        "rows_written", "rows_total", "size_bytes", "finished_at", "expires_at", "download",
    ]  # fmt: skip
    list_filter = ["status", "method", "file_format", "language", "partner__kind"]
    search_fields = ["partner__name", "partner__code", "file_name", "requested_by__username"]
    list_select_related = ["partner", "period", "requested_by"]
    date_hierarchy = "requested_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # files expire by the retention rule, never by hand

    @admin.display(description=_("Download"))
    def download(self, job):
        if not export_is_downloadable(job):
            return "—"
        url = reverse("admin:incentives_exportjob_download", args=[job.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download"))

    def get_urls(self):
        download = self.admin_site.admin_view(self.download_view)
        return [
            path("<int:pk>/download/", download, name="incentives_exportjob_download"),
            *super().get_urls(),
        ]

    def download_view(self, request, pk):
        if not request.user.has_perm("incentives.download_any_export"):
            raise PermissionDenied(_("You may not download partners' exports."))
        job = get_object_or_404(ExportJob, pk=pk)
        if not export_is_downloadable(job):
            self.message_user(request, _("This export has no file to download."), messages.WARNING)
            return redirect("admin:incentives_exportjob_changelist")
        return export_file_response(job)
