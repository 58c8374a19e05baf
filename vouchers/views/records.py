"""Operation records (操作记录): every issue and recall, filters on each column, export."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from customers.capabilities import Capability, require_capability, user_can
from customers.decorators import PartnerRequest, partner_required
from incentives.models import ExportFormat
from incentives.views.exports import queue_filtered_export
from partner_center.errors import InvalidInput
from partner_center.paging import KeysetSort, PageError, cursor_from, keyset_page

from ..export_kinds import VOUCHER_OPERATIONS
from ..filters import FILTER_NAMES, OperationRecordFilter
from ..selectors.vouchers import records_for

PAGE_SIZE = 50
NEWEST_FIRST = KeysetSort(descending=True)


@partner_required
def records(request: PartnerRequest) -> HttpResponse:
    require_capability(request.user, Capability.VIEW_VOUCHERS)
    filterset = OperationRecordFilter(request.GET or None, queryset=records_for(request.user))
    kept = {name: request.GET[name] for name in FILTER_NAMES if request.GET.get(name)}
    context = {
        "filter": filterset,
        "kept": kept,
        "query": urlencode(kept),
        "can_export": user_can(request.user, Capability.EXPORT_VOUCHER_LOG),
        "formats": ExportFormat.choices,
    }
    if filterset.is_bound and not filterset.is_valid():
        context["problems"] = [
            f"{filterset.form.fields[k].label}: {' '.join(v)}" for k, v in filterset.errors.items()
        ]
        return render(request, "vouchers/records.html", context, status=400)
    try:
        context["page"] = keyset_page(filterset.qs, cursor_from(request.GET), PAGE_SIZE, sort=NEWEST_FIRST)
    except PageError as error:
        raise InvalidInput(str(error)) from None
    return render(request, "vouchers/records.html", context)


@require_POST
@partner_required
def export(request: PartnerRequest) -> HttpResponse:
    """Queue an export of the records the filters select; it appears in Export History."""
    return queue_filtered_export(request, VOUCHER_OPERATIONS, FILTER_NAMES, "vouchers:records")
