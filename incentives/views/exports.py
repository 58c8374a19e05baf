"""Export > View Export (Export History), requesting exports, and the authorised download."""

from collections.abc import Iterable

from django.contrib import messages
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from customers.capabilities import Capability, require_capability, user_can
from customers.decorators import PartnerRequest, partner_required
from partner_center.errors import Forbidden, InvalidInput
from partner_center.http_errors import flash_refusal
from partner_center.params import whole_numbers
from partner_center.tables import table_view

from ..models import ExportFormat, ExportJob, ExportMethod
from ..policies import export_is_active, export_is_downloadable
from ..selectors.catalogue import partner_periods, partner_programs
from ..selectors.details import details_default_period
from ..selectors.exports import export_history as history_of
from ..selectors.exports import exports_for
from ..services.exports import export_file_response, export_request
from ..tables import EXPORTS_TABLE

HISTORY_ROWS = 50


def _watched(request: PartnerRequest) -> list[int]:
    return whole_numbers(request.GET.get("watch", ""), limit=100)


@partner_required
def export_history(request: PartnerRequest) -> HttpResponse:
    """Every export of the partner, newest first; refreshes itself while one is running."""
    jobs = history_of(request.user, rows=HISTORY_ROWS)
    watched = _watched(request)
    finished = [job for job in jobs if job.pk in watched and not export_is_active(job)]
    table = table_view(request.COOKIES, EXPORTS_TABLE)
    context = {
        "table": table,
        "c": table.cells,
        "jobs": jobs,
        "active_ids": ",".join(str(job.pk) for job in jobs if export_is_active(job)),
        "finished": finished,
        "can_export": user_can(request.user, Capability.EXPORT),
        "can_download": user_can(request.user, Capability.DOWNLOAD_EXPORT),
        "periods": partner_periods(request.user),
        "default_period": details_default_period(request.user),  # the latest formal bill, as on Details
        "programs": partner_programs(request.user),
        "methods": [(m.value, m.label) for m in (ExportMethod.PERIOD, ExportMethod.PROGRAMS)],
        "formats": ExportFormat.choices,
    }
    if request.htmx:
        return render(request, "incentives/exports/_jobs.html", context)
    return render(request, "incentives/exports/history.html", context)


@require_POST
@partner_required
def export_new(request: PartnerRequest) -> HttpResponse:
    """Queue an export (by period, by programs, or the selected lines) and answer at once."""
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
    except Forbidden:
        raise  # the 403 page, with the reason
    except InvalidInput as error:
        flash_refusal(request, error)
        return redirect(details if from_details else "incentives:export_history")
    history = announce_export(request, job)
    return redirect(details if from_details else history)


def announce_export(request: PartnerRequest, job: ExportJob) -> str:
    """Say the job is queued, with a link to Export History; return that link. Export History
    announces the result of the jobs it is asked to watch, however fast they ran."""
    history = f"{reverse('incentives:export_history')}?watch={job.pk}"
    messages.success(
        request,
        format_html(
            '{} <a href="{}">{}</a>', _("Export task created."), history, _("View it in Export History")
        ),
    )
    return history


def queue_filtered_export(
    request: PartnerRequest, kind: str, filter_names: Iterable[str], list_url: str
) -> HttpResponse:
    """A list page's Export button (another app's kind): a job of the filters the list shows. A
    refusal goes back to the list with its filters and the reason; a forbidden role is a 403."""
    filters = {name: request.POST[name] for name in filter_names if request.POST.get(name)}
    try:
        job = export_request(
            user=request.user, method=ExportMethod.FILTERED, kind=kind,
            file_format=request.POST.get("file_format", ExportFormat.XLSX), filters=filters,
        )  # fmt: skip
    except InvalidInput as error:
        flash_refusal(request, error)
        return redirect(reverse(list_url) + ("?" + urlencode(filters) if filters else ""))
    return redirect(announce_export(request, job))


def _selected_ids(data) -> list[str]:
    """Lines ticked on this page (detail_ids fields) plus those kept from other pages.

    The kept ones come as one comma-separated `selection` field: a field per line would pass
    Django's 1,000-field limit on a POST long before Export Selected's own limit.
    """
    kept = [part.strip() for part in data.get("selection", "").split(",") if part.strip()]
    return data.getlist("detail_ids") + kept


@partner_required
def export_download(request: PartnerRequest, pk: int) -> HttpResponseBase:
    """The finished file, only through this view: scoped to the partner, admin and finance only."""
    job = get_object_or_404(exports_for(request.user), pk=pk)
    require_capability(request.user, Capability.DOWNLOAD_EXPORT)
    if not export_is_downloadable(job):
        messages.error(
            request, _("Export %(name)s has no file to download: it is %(status)s.")
            % {"name": job.file_name or job.pk, "status": job.get_status_display()}
        )  # fmt: skip
        return redirect("incentives:export_history")
    return export_file_response(job)
