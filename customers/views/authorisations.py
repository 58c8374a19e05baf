"""More > Request Authorization (申请客户授权): apply, follow the requests, and (a distributor)
approve or reject its resellers' requests. Thin: selectors read, services write."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from partner_center.errors import DomainError

from ..capabilities import Capability, require_capability
from ..decorators import PartnerRequest, partner_required
from ..policies import authorisation_awaits_distributor
from ..selectors.authorisations import (
    authorisation_events,
    authorisations_awaiting_for,
    authorisations_for,
    is_partners_first_request,
)
from ..selectors.customers import managed_customers_for
from ..services.authorisations import (
    authorisation_distributor_approve,
    authorisation_distributor_reject,
    authorisation_request,
)

LISTED = 100


class RequestForm(forms.Form):
    accept_commitment = forms.BooleanField(
        label=gettext_lazy("I accept the commitment letter on behalf of my partner"), required=False
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=1000)


@partner_required
def authorisation_list(request: PartnerRequest) -> HttpResponse:
    require_capability(request.user, Capability.MANAGE_CUSTOMERS)
    context = {
        "requests": list(authorisations_for(request.user)[:LISTED]),
        "awaiting": list(authorisations_awaiting_for(request.user)[:LISTED]),
    }
    return render(request, "customers/authorisations.html", context)


@partner_required
def authorisation_detail(request: PartnerRequest, pk: int) -> HttpResponse:
    require_capability(request.user, Capability.MANAGE_CUSTOMERS)
    found = authorisations_for(request.user).filter(pk=pk).first()
    may_review = False
    if found is None:
        found = get_object_or_404(authorisations_awaiting_for(request.user, pending_only=False), pk=pk)
        may_review = authorisation_awaits_distributor(found)
    context = {"authorisation": found, "events": authorisation_events(found), "may_review": may_review}
    return render(request, "customers/authorisation.html", context)


@partner_required
def authorisation_new(request: PartnerRequest, customer_pk: int) -> HttpResponse:
    """GET: the request form for one customer; POST: apply."""
    require_capability(request.user, Capability.MANAGE_CUSTOMERS)
    customer = get_object_or_404(managed_customers_for(request.user), pk=customer_pk)
    first = is_partners_first_request(request.user)
    form = RequestForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            authorisation = authorisation_request(
                user=request.user,
                customer_id=customer.pk,
                accept_commitment=form.cleaned_data["accept_commitment"],
                notes=form.cleaned_data["notes"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
            status = error.http_status
        else:
            shown = {"status": authorisation.get_status_display()}
            messages.success(request, _("Authorisation requested: %(status)s.") % shown)
            return redirect("customers:authorisation", pk=authorisation.pk)
    elif request.method == "POST":
        status = 400
    context = {"customer": customer, "form": form, "first": first}
    return render(request, "customers/authorisation_new.html", context, status=status)


@require_POST
@partner_required
def authorisation_approve(request: PartnerRequest, pk: int) -> HttpResponse:
    """The distributor approves its reseller's request."""
    change = authorisation_distributor_approve(user=request.user, authorisation_id=pk)
    if change.changed:
        messages.success(request, _("Approved: the request now waits for the customer's approval."))
    else:
        messages.info(request, _("This request was already approved."))
    return redirect("customers:authorisation", pk=pk)


@require_POST
@partner_required
def authorisation_reject(request: PartnerRequest, pk: int) -> HttpResponse:
    """The distributor rejects its reseller's request, with a reason."""
    form = ReasonForm(request.POST)
    reason = form.data.get("reason", "")
    change = authorisation_distributor_reject(user=request.user, authorisation_id=pk, reason=reason)
    if change.changed:
        messages.success(request, _("Rejected."))
    else:
        messages.info(request, _("This request was already rejected."))
    return redirect("customers:authorisation", pk=pk)
