"""The invoice clerk's buttons on an invoice request's admin page: each calls the same service
as every other caller, with the form it needs (a reason shown to the partner, or the carrier
and tracking number of a mailed paper invoice). Which show is the transition table's answer."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incentives.admin.base import StaffRequest
from partner_center.errors import DomainError

from ..models import InvoiceRequest
from ..services.invoice_issue import invoice_request_issue, invoice_request_mail
from ..services.invoice_requests import Transition, invoice_request_decide

PERMISSION = "invoices.process_invoice"


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (shown to the partner)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class MailForm(forms.Form):
    carrier = forms.CharField(label=gettext_lazy("Carrier"), max_length=60)
    tracking_number = forms.CharField(label=gettext_lazy("Tracking number"), max_length=60)


CLERK_ACTIONS: dict[str, tuple[Any, type[forms.Form] | None]] = {
    "approve": (gettext_lazy("Approve"), None),
    "reject": (gettext_lazy("Reject…"), ReasonForm),
    "issue": (gettext_lazy("Issue the electronic invoice"), None),
    "mail": (gettext_lazy("Mail the paper invoice…"), MailForm),
    "approve_cancel": (gettext_lazy("Accept the cancellation"), None),
    "reject_cancel": (gettext_lazy("Reject the cancellation…"), ReasonForm),
    "approve_return": (gettext_lazy("Accept the return"), None),
    "reject_return": (gettext_lazy("Reject the return…"), ReasonForm),
}


def _call(action: str, request_id: int, actor: Any, data: dict[str, Any]) -> Transition:
    if action == "issue":
        return invoice_request_issue(request_id=request_id, actor=actor)
    if action == "mail":
        return invoice_request_mail(
            request_id=request_id,
            actor=actor,
            carrier=data["carrier"],
            tracking_number=data["tracking_number"],
        )
    return invoice_request_decide(
        request_id=request_id, action=action, actor=actor, reason=data.get("reason", "")
    )


def act_view(admin_view: Callable[..., Any]) -> Any:
    def view(request: StaffRequest, object_id: str, action: str) -> HttpResponse:
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        if action not in CLERK_ACTIONS:
            raise Http404(action)
        invoice = get_object_or_404(InvoiceRequest, pk=object_id)
        label, form_class = CLERK_ACTIONS[action]
        back = reverse("admin:invoices_invoicerequest_change", args=[invoice.pk])
        form = None
        if form_class is not None:
            form = form_class(request.POST if request.method == "POST" else None)
        if request.method == "POST" and (form is None or form.is_valid()):
            try:
                done = _call(action, invoice.pk, request.user, form.cleaned_data if form else {})
            except DomainError as error:
                messages.warning(request, f"{invoice.number}: {error}")
            else:
                level = messages.success if done.changed else messages.info
                level(request, _("%(number)s is now %(status)s.") % {
                    "number": invoice.number, "status": done.request.get_status_display()
                })  # fmt: skip
            return HttpResponseRedirect(back)
        context = {
            "title": f"{invoice.number}: {label}",
            "invoice": invoice,
            "form": form,
            "back": back,
            "opts": InvoiceRequest._meta,
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/invoices/invoice_action.html", context)

    return admin_view(view)
