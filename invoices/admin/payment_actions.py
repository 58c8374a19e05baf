"""Finance's buttons on a payment request's admin page: each calls the same service as every
other caller, with the form the service needs (a reason, or the payment's date, reference and
amount). Which buttons show is the transition table's answer (invoices/policies.py)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incentives.admin.base import StaffRequest
from partner_center.errors import DomainError

from ..models import PaymentRequest
from ..services import payments as services
from ..services.payments import Transition


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (shown to the partner)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PaymentForm(forms.Form):
    paid_on = forms.DateField(
        label=gettext_lazy("Payment date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reference = forms.CharField(
        label=gettext_lazy("Reference on the bank statement"), max_length=100, required=False
    )
    amount = forms.DecimalField(label=gettext_lazy("Amount paid"), max_digits=18, decimal_places=2)


def _call(action: str, request_id: int, actor: Any, data: dict[str, Any]) -> Transition:
    if action == "accept":
        return services.payment_accept(request_id=request_id, actor=actor)
    if action == "approve":
        return services.payment_approve(request_id=request_id, actor=actor)
    if action == "reject_invoice":
        return services.payment_reject_invoice(request_id=request_id, actor=actor, reason=data["reason"])
    if action == "fail":
        return services.payment_record_failure(request_id=request_id, actor=actor, reason=data["reason"])
    if action == "retry":
        return services.payment_retry(request_id=request_id, actor=actor)
    if action in ("pay", "fulfil"):
        return services.payment_record_paid(
            request_id=request_id, actor=actor, paid_on=data["paid_on"], reference=data.get("reference", ""),
            amount=data["amount"],
        )  # fmt: skip
    raise Http404(action)


FINANCE_ACTIONS: dict[str, tuple[Any, type[forms.Form] | None]] = {
    "accept": (gettext_lazy("Accept and request the invoice"), None),
    "approve": (gettext_lazy("Approve invoices"), None),
    "reject_invoice": (gettext_lazy("Reject invoice…"), ReasonForm),
    "pay": (gettext_lazy("Record payment…"), PaymentForm),
    "fulfil": (gettext_lazy("Record top-up or coupons…"), PaymentForm),
    "fail": (gettext_lazy("Record payment failure…"), ReasonForm),
    "retry": (gettext_lazy("Retry payment"), None),
}


def act_view(admin_view: Callable[..., Any]) -> Any:
    def view(request: StaffRequest, object_id: str, action: str) -> HttpResponse:
        if not request.user.has_perm("invoices.process_payment"):
            raise PermissionDenied
        if action not in FINANCE_ACTIONS:
            raise Http404(action)
        payment = get_object_or_404(PaymentRequest, pk=object_id)
        label, form_class = FINANCE_ACTIONS[action]
        back = reverse("admin:invoices_paymentrequest_change", args=[payment.pk])
        form = None
        if form_class is not None:
            initial = {"paid_on": timezone.localdate(), "amount": payment.total}
            form = form_class(request.POST if request.method == "POST" else None, initial=initial)
        if request.method == "POST" and (form is None or form.is_valid()):
            try:
                done = _call(action, payment.pk, request.user, form.cleaned_data if form else {})
            except DomainError as error:
                messages.warning(request, f"{payment.number}: {error}")
            else:
                level = messages.success if done.changed else messages.info
                level(request, _("%(number)s is now %(status)s.") % {
                    "number": payment.number, "status": done.request.get_status_display()
                })  # fmt: skip
            return HttpResponseRedirect(back)
        context = {
            "title": f"{payment.number}: {label}",
            "payment": payment,
            "form": form,
            "back": back,
            "opts": PaymentRequest._meta,
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/invoices/payment_action.html", context)

    return admin_view(view)
