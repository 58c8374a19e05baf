"""Voucher quota (代金券额度), issuing, a voucher's page with its history, and recall."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from customers.capabilities import Capability, require_capability, user_can
from customers.decorators import PartnerRequest, partner_required
from partner_center.errors import Conflict, InvalidInput, NotFound
from partner_center.http_errors import flash_refusal

from ..forms import IssueForm, RecallForm
from ..policies import quota_is_open
from ..selectors.vouchers import issuable_customers, quotas_for, voucher_history, vouchers_for
from ..services.issue import voucher_issue
from ..services.recall import voucher_recall

LATEST = 100


@partner_required
def quotas(request: PartnerRequest) -> HttpResponse:
    require_capability(request.user, Capability.VIEW_VOUCHERS)
    today = timezone.localdate()
    rows = list(quotas_for(request.user))
    return render(
        request,
        "vouchers/quotas.html",
        {
            "quotas": [(quota, quota_is_open(quota, today)) for quota in rows],
            "vouchers": vouchers_for(request.user)[:LATEST],
            "can_issue": user_can(request.user, Capability.ISSUE_VOUCHER),
        },
    )


@partner_required
def issue(request: PartnerRequest) -> HttpResponse:
    require_capability(request.user, Capability.ISSUE_VOUCHER)
    today = timezone.localdate()
    open_quotas = [quota for quota in quotas_for(request.user) if quota_is_open(quota, today)]
    customers = issuable_customers(request.user)
    form = IssueForm(
        request.POST or None,
        initial={"quota": request.GET.get("quota", "")[:20]},
        quotas=open_quotas,
        customers=customers,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            voucher = voucher_issue(
                actor=request.user, quota_id=int(data["quota"]), customer_id=int(data["customer"]),
                amount=data["amount"], valid_until=data["valid_until"], product_scope=data["product_scope"],
            )  # fmt: skip
        except (InvalidInput, Conflict, NotFound) as error:
            flash_refusal(request, error)
        else:
            messages.success(request, _("Voucher %(number)s issued.") % {"number": voucher.number})
            return redirect("vouchers:voucher", number=voucher.number)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "vouchers/issue.html", {"form": form, "has_quota": bool(open_quotas)}, status=status
    )


@partner_required
def voucher_page(request: PartnerRequest, number: str) -> HttpResponse:
    require_capability(request.user, Capability.VIEW_VOUCHERS)
    voucher = get_object_or_404(vouchers_for(request.user), number=number)
    return render(
        request,
        "vouchers/voucher.html",
        {
            "voucher": voucher,
            "history": voucher_history(voucher).select_related("operator"),
            "can_recall": user_can(request.user, Capability.RECALL_VOUCHER),
            "form": RecallForm(),
        },
    )


@require_POST
@partner_required
def recall(request: PartnerRequest, number: str) -> HttpResponse:
    voucher = get_object_or_404(vouchers_for(request.user), number=number)
    form = RecallForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        result = voucher_recall(actor=request.user, voucher_id=voucher.pk, reason=reason)
    except (InvalidInput, Conflict, NotFound) as error:
        flash_refusal(request, error)
    else:
        if result.changed:
            messages.success(
                request,
                _("Voucher %(number)s recalled; %(amount)s returned to quota %(quota)s.")
                % {"number": voucher.number, "amount": f"{result.voucher.returned_amount:,.2f}",
                   "quota": voucher.quota.number},
            )  # fmt: skip
        else:
            messages.info(request, _("Voucher %(number)s was already recalled.") % {"number": voucher.number})
    return redirect("vouchers:voucher", number=voucher.number)
