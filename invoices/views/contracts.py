"""Sales > Billing > Contracts > Offline contracts (线下合同): search by contract code (exact or
prefix) and status; a contract's discounts, commitment and progress; the signed PDF."""

from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from customers.capabilities import Capability, require_capability
from customers.decorators import PartnerRequest, partner_required

from ..selectors.contracts import (
    CONTRACT_STATES,
    contract_progress,
    contract_search,
    contract_state,
    contracts_for,
)

SHOWN = 100


@partner_required
def contract_list(request: PartnerRequest) -> HttpResponse:
    require_capability(request.user, Capability.VIEW_CONTRACTS)
    today = timezone.localdate()
    code = request.GET.get("code", "")[:40]
    exact = request.GET.get("match") == "exact"
    state = request.GET.get("status", "")
    state = state if state in CONTRACT_STATES else ""
    found = contract_search(request.user, code=code, exact=exact, state=state, today=today)
    rows = [(contract, CONTRACT_STATES[contract_state(contract, today)]) for contract in found[:SHOWN]]
    return render(
        request,
        "invoices/contracts.html",
        {"rows": rows, "code": code, "exact": exact, "state": state, "states": CONTRACT_STATES.items()},
    )


@partner_required
def contract_detail(request: PartnerRequest, code: str) -> HttpResponse:
    require_capability(request.user, Capability.VIEW_CONTRACTS)
    contract = get_object_or_404(contracts_for(request.user), code=code)
    today = timezone.localdate()
    return render(
        request,
        "invoices/contract.html",
        {
            "contract": contract,
            "state": CONTRACT_STATES[contract_state(contract, today)],
            "progress": contract_progress(contract),
        },
    )


@partner_required
def contract_pdf(request: PartnerRequest, code: str) -> FileResponse:
    """The signed PDF, only through this view: the partner's own, admin and finance users."""
    contract = get_object_or_404(contracts_for(request.user), code=code)
    require_capability(request.user, Capability.VIEW_CONTRACTS)
    return FileResponse(
        contract.signed_pdf.open("rb"),
        as_attachment=True,
        filename=f"contract-{contract.code}.pdf",
        content_type="application/pdf",
    )
