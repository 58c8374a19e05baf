"""Sales > Customers > Customer alerts (客户预警): View alerts, Handle alerts, Process task."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from customers.capabilities import Capability, require_capability, user_can
from customers.decorators import PartnerRequest, partner_required
from customers.views.rows import render_filter_inputs
from partner_center.errors import Conflict, InvalidInput
from partner_center.http_errors import flash_refusal
from partner_center.paging import KeysetSort, PageError, cursor_from, keyset_page

from ..filters import AlertFilter
from ..models import AlertOutcome
from ..policies import alert_is_open
from ..selectors.alerts import alert_events, alerts_for, alerts_to_handle
from ..services.alerts import NOTE_MAX, alert_process

PAGE_SIZE = 20
NEWEST_FIRST = KeysetSort(descending=True)


class ProcessForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"), choices=AlertOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _query(params) -> str:
    query = params.copy()
    for name in ("after", "before", "last"):
        query.pop(name, None)
    return query.urlencode()


@partner_required
def alert_list(request: PartnerRequest, tab: str = "view") -> HttpResponse:
    require_capability(request.user, Capability.MANAGE_CUSTOMERS)
    base = alerts_to_handle(request.user) if tab == "handle" else alerts_for(request.user)
    filterset = AlertFilter(request.GET, queryset=base.select_related("customer"))
    status = 200
    try:
        if not filterset.is_valid():
            raise InvalidInput(_("Check the filters."))
        page = keyset_page(filterset.qs, cursor_from(request.GET), PAGE_SIZE, sort=NEWEST_FIRST)
        count = filterset.qs.count()
    except (PageError, InvalidInput) as error:
        messages.error(request, str(error))
        page, count, status = None, 0, 400 if isinstance(error, InvalidInput) else 404
    return render(
        request,
        "dashboards/alerts.html",
        {
            "tab": tab,
            "filter": filterset,
            "filter_inputs": render_filter_inputs(list(filterset.form)),
            "page": page,
            "count": count,
            "query": _query(request.GET),
            "to_handle": alerts_to_handle(request.user).count(),
        },  # fmt: skip
        status=status,
    )


@partner_required
def alert_page(request: PartnerRequest, pk: int) -> HttpResponse:
    require_capability(request.user, Capability.MANAGE_CUSTOMERS)
    alert = get_object_or_404(alerts_for(request.user).select_related("customer", "processed_by"), pk=pk)
    may_process = alert_is_open(alert) and (
        alert.handler_id == request.user.pk or user_can(request.user, Capability.HANDLE_ANY_ALERT)
    )
    return render(
        request,
        "dashboards/alert.html",
        {"alert": alert, "events": alert_events(alert), "form": ProcessForm(), "may_process": may_process},
    )


@require_POST
@partner_required
def alert_process_view(request: PartnerRequest, pk: int) -> HttpResponse:
    require_capability(request.user, Capability.MANAGE_CUSTOMERS)
    form = ProcessForm(request.POST)
    if not form.is_valid():
        alert = get_object_or_404(alerts_for(request.user).select_related("customer"), pk=pk)
        return render(
            request,
            "dashboards/alert.html",
            {"alert": alert, "events": alert_events(alert), "form": form, "may_process": True},
            status=400,
        )
    data = form.cleaned_data
    try:
        done = alert_process(user=request.user, alert_id=pk, outcome=data["outcome"], note=data["note"])
    except Conflict as error:
        flash_refusal(request, error)
        return redirect("alerts:alert", pk=pk)
    if done.changed:
        messages.success(request, _("The alert is processed and closed."))
    else:
        messages.info(request, _("This alert was already processed."))
    return redirect("alerts:alert", pk=pk)
