"""Customer Management > Export: the anonymised customer list, queued into Export History."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incentives.models import ExportFormat, ExportMethod
from incentives.services.exports import export_request
from partner_center.errors import InvalidInput
from partner_center.http_errors import flash_refusal

from ..decorators import PartnerRequest, partner_required
from ..export_kinds import CUSTOMERS, FILTER_NAMES


@require_POST
@partner_required
def export(request: PartnerRequest) -> HttpResponse:
    """Queue an export of the customers the list's filters select (admins only: a 403 says why)."""
    filters = {name: request.POST[name] for name in FILTER_NAMES if request.POST.get(name)}
    try:
        job = export_request(
            user=request.user, method=ExportMethod.FILTERED, kind=CUSTOMERS,
            file_format=request.POST.get("file_format", ExportFormat.XLSX), filters=filters,
        )  # fmt: skip
    except InvalidInput as error:
        flash_refusal(request, error)
        return redirect(reverse("customers:list") + ("?" + urlencode(filters) if filters else ""))
    history = f"{reverse('incentives:export_history')}?watch={job.pk}"
    messages.success(
        request,
        format_html(
            '{} <a href="{}">{}</a>', _("Export task created."), history, _("View it in Export History")
        ),
    )
    return redirect(history)
