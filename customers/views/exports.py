"""Customer Management > Export: the anonymised customer list, queued into Export History."""

from django.http import HttpResponse
from django.views.decorators.http import require_POST

from incentives.views.exports import queue_filtered_export

from ..decorators import PartnerRequest, partner_required
from ..export_kinds import CUSTOMERS, FILTER_NAMES


@require_POST
@partner_required
def export(request: PartnerRequest) -> HttpResponse:
    """Queue an export of the customers the list's filters select (admins only: a 403 says why)."""
    return queue_filtered_export(request, CUSTOMERS, FILTER_NAMES, "customers:list")
