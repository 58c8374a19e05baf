"""MDF overview, the three-step application form (a draft saved at every step), submit and cancel."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from customers.capabilities import Capability, user_can
from customers.decorators import PartnerRequest, partner_required
from partner_center.errors import Conflict, InvalidInput
from partner_center.http_errors import flash_refusal

from ..forms import BudgetForm, ObjectivesForm, PlanForm, ReasonForm, SubmitForm
from ..models import Application
from ..policies import application_is_editable, needs_late_reason
from ..selectors.applications import applications_for, likely_duplicates, timeline
from ..selectors.quotas import figures_for, quota_covering
from ..services import applications as services

STEPS = {
    1: (PlanForm, gettext_lazy("Plan and agreement")),
    2: (ObjectivesForm, gettext_lazy("Objectives")),
    3: (BudgetForm, gettext_lazy("Budget")),
}


@partner_required
def overview(request: PartnerRequest) -> HttpResponse:
    return render(
        request,
        "mdf/overview.html",
        {
            "figures": figures_for(request.user),
            "applications": applications_for(request.user).order_by("-created_at", "-id")[:100],
            "can_apply": user_can(request.user, Capability.APPLY_MDF),
        },
    )


def _initial(application: Application | None, step: int) -> dict[str, object]:
    if application is None:
        return {}
    if step == 3:
        initial: dict[str, object] = {}
        for item in application.cost_items.all():
            initial[f"amount_{item.kind}"] = item.amount
            initial[f"description_{item.kind}"] = item.description
        return initial
    names = PlanForm.base_fields if step == 1 else ObjectivesForm.base_fields
    return {name: getattr(application, name) for name in names}


def _save(request: PartnerRequest, application: Application | None, step: int, form) -> Application:
    data = form.cleaned_data
    if step == 1:
        return services.application_save_plan(
            actor=request.user, application_id=application.pk if application else None, **data
        )
    assert application is not None
    if step == 2:
        return services.application_save_objectives(actor=request.user, application_id=application.pk, **data)
    return services.application_save_budget(
        actor=request.user, application_id=application.pk, items=form.items()
    )


@partner_required
def application_step(request: PartnerRequest, pk: int | None = None, step: int = 1) -> HttpResponse:
    """One step of the form; saving it saves the draft and goes on to the next step."""
    application = get_object_or_404(applications_for(request.user), pk=pk) if pk else None
    if (
        step not in STEPS
        or (application is None and step != 1)
        or (application and step > application.steps_done + 1)
    ):
        return redirect("mdf:apply")
    if application is not None and not application_is_editable(application):
        messages.info(request, _("This application can no longer be changed."))
        return redirect("mdf:application", pk=application.pk)
    form_class, _title = STEPS[step]
    form = form_class(request.POST or None, initial=_initial(application, step))
    if request.method == "POST" and form.is_valid():
        try:
            application = _save(request, application, step, form)
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Draft saved."))
            if step < 3:
                return redirect("mdf:step", pk=application.pk, step=step + 1)
            return redirect("mdf:application", pk=application.pk)
    return render(
        request,
        "mdf/application_step.html",
        {
            "application": application,
            "form": form,
            "step": step,
            "steps": [(n, t) for n, (_f, t) in STEPS.items()],
        },
        status=400 if form.errors else 200,
    )


@partner_required
def application_detail(request: PartnerRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(applications_for(request.user), pk=pk)
    return _detail(request, application, SubmitForm())


def _detail(
    request: PartnerRequest, application: Application, submit_form, status: int = 200
) -> HttpResponse:
    editable = application_is_editable(application)
    today = timezone.localdate()
    context = {
        "application": application,
        "cost_items": application.cost_items.all(),
        "events": timeline(application),
        "submit_form": submit_form,
        "cancel_form": ReasonForm(),
        "late": editable and needs_late_reason(application.starts_on, today),
        "duplicates": likely_duplicates(application) if editable else [],
        "quota": quota_covering(application.partner_id, application.starts_on)
        if editable
        else application.quota,
        "can_apply": user_can(request.user, Capability.APPLY_MDF),
        "can_claim": user_can(request.user, Capability.CLAIM_MDF),
    }
    return render(request, "mdf/application_detail.html", context, status=status)


@require_POST
@partner_required
def application_submit(request: PartnerRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(applications_for(request.user), pk=pk)
    form = SubmitForm(request.POST)
    form.is_valid()
    try:
        done = services.application_submit(
            application_id=application.pk,
            actor=request.user,
            late_reason=form.cleaned_data.get("late_reason", ""),
            confirm_duplicate=form.cleaned_data.get("confirm_duplicate", False),
        )
    except (InvalidInput, Conflict) as error:
        form.add_error(None, error.message)
        return _detail(request, application, form, status=error.http_status)
    if done.changed:
        messages.success(
            request, _("Application %(number)s submitted for review.") % {"number": application.number}
        )
    return redirect("mdf:application", pk=application.pk)


@require_POST
@partner_required
def application_cancel(request: PartnerRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(applications_for(request.user), pk=pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        done = services.application_cancel(
            application_id=application.pk, actor=request.user, reason=form.cleaned_data.get("reason", "")
        )
    except (InvalidInput, Conflict) as error:
        flash_refusal(request, error)
    else:
        if done.changed:
            messages.success(request, _("Application %(number)s cancelled.") % {"number": application.number})
    return redirect("mdf:application", pk=application.pk)
