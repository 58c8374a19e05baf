"""Incentives > Payee profile (business information): the partner admin records the payee;
everyone in the partner sees it, with the bank account masked."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from customers.capabilities import Capability, require_capability, user_can
from customers.decorators import PartnerRequest, partner_required
from partner_center.errors import DomainError
from partner_center.http_errors import flash_refusal

from ..forms import AutomaticForm, PayeeForm
from ..selectors.payments import payee_for
from ..services.payees import DETAILS, payee_save, payee_set_automatic


@require_http_methods(["GET", "POST"])
@partner_required
def payee_profile(request: PartnerRequest) -> HttpResponse:
    payee = payee_for(request.user)
    if request.method == "POST":
        require_capability(request.user, Capability.MANAGE_PAYEE)
        try:
            if request.POST.get("form") == "automatic":
                auto = AutomaticForm(request.POST)
                auto.is_valid()
                payee_set_automatic(
                    user=request.user,
                    enabled=bool(auto.cleaned_data.get("auto_request")),
                    option=auto.cleaned_data.get("auto_option") or "",
                )
                messages.success(request, _("Automatic payment requests saved."))
            else:
                fields = {name: request.POST.get(name, "") for name in DETAILS}
                payee_save(user=request.user, details=fields, bank_letter=request.FILES.get("bank_letter"))
                messages.success(request, _("Payee profile saved; it is pending verification by operations."))
        except DomainError as error:
            flash_refusal(request, error)
        return redirect("invoices:payee")
    initial = {}
    if payee is not None:
        initial = {name: getattr(payee, name) for name in DETAILS if name != "account_number"}
    context = {
        "payee": payee,
        "form": PayeeForm(initial=initial),
        "auto_form": AutomaticForm(
            initial={"auto_request": payee.auto_request, "auto_option": payee.auto_option} if payee else {}
        ),
        "can_edit": user_can(request.user, Capability.MANAGE_PAYEE),
    }
    return render(request, "invoices/payee.html", context)
