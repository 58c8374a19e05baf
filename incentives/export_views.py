"""Export > View Export (Export History), requesting exports, and the authorised download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from customers.selectors import require_membership

from .exports import ExportPermissionError, export_file_response, export_request, require_export_role
from .filters import partner_periods, partner_programs
from .models import ExportFormat, ExportMethod, ExportStatus
from .selectors import details_default_period, exports_for
from .services import IncentiveError

HISTORY_ROWS = 50


def _watched(request):
    ids = []
    for part in request.GET.get("watch", "").split(",")[:100]:
        if part.isdigit():
            ids.append(int(part))
    return ids


@login_required
def export_history(request):
    """Every export of the partner, newest first; refreshes itself while one is running."""
    membership = require_membership(request.user)
    jobs = list(
        exports_for(request.user)
        .select_related("period", "requested_by")
        .prefetch_related("programs")[:HISTORY_ROWS]
    )
    finished = [job for job in jobs if job.pk in _watched(request) and not job.is_active]
    context = {
        "jobs": jobs,
        "active_ids": ",".join(str(job.pk) for job in jobs if job.is_active),
        "finished": finished,
        "can_export": membership.can_confirm,
        "periods": partner_periods(request),
        "default_period": details_default_period(request.user),  # the latest formal bill, as on Details
        "programs": partner_programs(request),
        "methods": [(m.value, m.label) for m in (ExportMethod.PERIOD, ExportMethod.PROGRAMS)],
        "formats": ExportFormat.choices,
        "completed": ExportStatus.COMPLETED,
        "failed": ExportStatus.FAILED,
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, "incentives/exports/_jobs.html", context)
    return render(request, "incentives/exports/history.html", context)


@login_required
@require_POST
def export_new(request):
    """Queue an export (by period, by programs, or the selected lines) and answer at once."""
    require_membership(request.user)
    from_details = request.POST.get("back") == "details"  # Export Selected, from the Details page
    details = reverse("incentives:details")
    if request.POST.get("details_period"):  # back to the period the partner was looking at
        details += "?" + urlencode({"period": request.POST["details_period"][:7]})
    try:
        job = export_request(
            user=request.user,
            method=request.POST.get("method", ""),
            file_format=request.POST.get("file_format", ExportFormat.XLSX),
            period=request.POST.get("period"),
            programs=request.POST.getlist("programs"),
            detail_ids=_selected_ids(request.POST),
        )
    except ExportPermissionError as error:
        raise PermissionDenied(str(error)) from error
    except IncentiveError as error:
        messages.error(request, str(error))
        return redirect(details if from_details else "incentives:export_history")
    # Export History announces the result of the jobs it is asked to watch, however fast they ran.
    history = f"{reverse('incentives:export_history')}?watch={job.pk}"
    messages.success(
        request,
        format_html(
            '{} <a href="{}">{}</a>', _("Export task created."), history, _("View it in Export History")
        ),
    )
    return redirect(details if from_details else history)


def _selected_ids(data):
    """Lines ticked on this page (detail_ids fields) plus those kept from other pages.

    The kept ones come as one comma-separated `selection` field: a field per line would pass
    Django's 1,000-field limit on a POST long before Export Selected's own limit.
    """
    kept = [part.strip() for part in data.get("selection", "").split(",") if part.strip()]
    return data.getlist("detail_ids") + kept


@login_required
def export_download(request, pk):
    """The finished file, only through this view: scoped to the partner, admin and finance only."""
    require_membership(request.user)
    job = get_object_or_404(exports_for(request.user), pk=pk)
    try:
        require_export_role(request.user)
    except ExportPermissionError as error:
        raise PermissionDenied(str(error)) from error
    if job.status != ExportStatus.COMPLETED or not job.file:
        messages.error(
            request, _("Export %(name)s has no file to download: it is %(status)s.")
            % {"name": job.file_name or job.pk, "status": job.get_status_display()}
        )  # fmt: skip
        return redirect("incentives:export_history")
    return export_file_response(job)
