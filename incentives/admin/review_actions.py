"""Approve payout and Return to partner: bulk actions on the queue and buttons on a bill's page.

Both ways call the same transition services, bill by bill, and report the outcome at the
level it deserves: done is a success, already done (a repeat) is info, and a refusal is a
warning naming the bill and the service's reason. Nothing here decides what a state allows:
incentives/policies.py says which bills are under review, the services refuse the rest.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from partner_center.admin_read_only import ServiceOwnedReadOnly
from partner_center.errors import DomainError

from ..models import Statement
from ..policies import bill_is_under_review
from ..services.statements import Transition, statement_approve, statement_return
from .base import StaffRequest

RETURN_TEMPLATE = "admin/incentives/payoutreview/return_to_partner.html"


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (shown to the partner)"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )
    new_deadline = forms.DateTimeField(
        label=gettext_lazy("New confirmation deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean_new_deadline(self):
        deadline = self.cleaned_data["new_deadline"]
        if deadline <= timezone.now():
            raise forms.ValidationError(_("The new confirmation deadline must be in the future."))
        return deadline


@dataclass
class Outcome:
    """What one run over some bills did: changed, already done (no-op), refused with reasons."""

    done: int = 0
    unchanged: int = 0
    refused: list[str] = field(default_factory=list)


def _one(bill: Statement) -> QuerySet[Statement]:
    return Statement.objects.filter(pk=bill.pk)


def run_each(bills: QuerySet[Statement], transition: Callable[[int], Transition]) -> Outcome:
    """Each bill through the service on its own, so one refusal does not stop the others."""
    outcome = Outcome()
    for bill in bills.select_related("partner", "period"):
        try:
            if transition(bill.pk).changed:
                outcome.done += 1
            else:
                outcome.unchanged += 1
        except DomainError as error:
            outcome.refused.append(f"{bill}: {error}")
    return outcome


class BillReviewAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    """An admin of bills with the two review actions, and their buttons on the bill's page."""

    change_form_template = "admin/incentives/review_change_form.html"

    def has_review_payout_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("incentives.review_payout")

    # -- bulk actions (the queue's action menu) ---------------------------------------------

    @admin.action(
        description=gettext_lazy("Approve payout (Issuing → Issued successfully)"),
        permissions=["review_payout"],
    )
    def approve_payout(self, request: StaffRequest, queryset: QuerySet[Statement]) -> None:
        self._report_approved(request, self._approve(request, queryset))

    @admin.action(
        description=gettext_lazy("Return to partner (with a reason and a new deadline)"),
        permissions=["review_payout"],
    )
    def return_to_partner(self, request: StaffRequest, queryset: QuerySet[Statement]) -> HttpResponse | None:
        form = ReturnForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            extra = {"action_checkbox_name": helpers.ACTION_CHECKBOX_NAME}
            return self._return_page(request, form, queryset, _("Return bills to the partner"), extra)
        self._report_returned(request, self._return(request, queryset, form))
        return None

    # -- the bill's own page ----------------------------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/approve/", wrap(self.approve_view), name=f"{name}_approve"),
            path("<path:object_id>/return/", wrap(self.return_view), name=f"{name}_return"),
            *super().get_urls(),
        ]

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict,
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Statement | None = None,
    ) -> HttpResponse:
        """Offer the buttons only to reviewers, and only while the bill's state allows them."""
        if obj is not None and self.has_review_payout_permission(request) and bill_is_under_review(obj):
            context["review_urls"] = {
                "approve": self._url("approve", obj.pk),
                "return": self._url("return", obj.pk),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def approve_view(self, request: StaffRequest, object_id: str) -> HttpResponse:
        bill = self._reviewable(request, object_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        self._report_approved(request, self._approve(request, _one(bill)))
        return HttpResponseRedirect(self._url("change", bill.pk))

    def return_view(self, request: StaffRequest, object_id: str) -> HttpResponse:
        bill = self._reviewable(request, object_id)
        form = ReturnForm(request.POST if request.method == "POST" else None)
        if not form.is_valid():
            extra = {"form_url": self._url("return", bill.pk), "cancel_url": self._url("change", bill.pk)}
            return self._return_page(request, form, _one(bill), _("Return the bill to the partner"), extra)
        self._report_returned(request, self._return(request, _one(bill), form))
        return HttpResponseRedirect(self._url("change", bill.pk))

    # -- shared -----------------------------------------------------------------------------

    def _reviewable(self, request: HttpRequest, object_id: str) -> Statement:
        """The bill of the page; 403 without the permission, 404 if there is no such bill."""
        if not (self.has_view_permission(request) and self.has_review_payout_permission(request)):
            raise PermissionDenied
        bill = self.get_object(request, object_id)
        if bill is None:
            raise Http404(_("No such bill."))
        return bill

    def _url(self, view: str, pk: int) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}", args=[pk])

    def _approve(self, request: StaffRequest, bills: QuerySet[Statement]) -> Outcome:
        return run_each(bills, lambda pk: statement_approve(statement_id=pk, actor=request.user))

    def _return(self, request: StaffRequest, bills: QuerySet[Statement], form: ReturnForm) -> Outcome:
        reason, deadline = form.cleaned_data["reason"], form.cleaned_data["new_deadline"]
        return run_each(
            bills,
            lambda pk: statement_return(
                statement_id=pk, actor=request.user, reason=reason, new_deadline=deadline
            ),
        )

    def _return_page(
        self, request: HttpRequest, form: ReturnForm, bills: QuerySet[Statement], title: str, extra: dict
    ) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "form": form,
            "bills": bills.select_related("partner", "period"),
            "time_zone": timezone.get_current_timezone_name(),
            **extra,
        }
        return TemplateResponse(request, RETURN_TEMPLATE, context)

    def _report_approved(self, request: HttpRequest, outcome: Outcome) -> None:
        n, same = outcome.done, outcome.unchanged
        self._report(
            request,
            outcome,
            done=ngettext("%d payout approved.", "%d payouts approved.", n) % n,
            unchanged=ngettext(
                "%d bill was already issued.",
                "%d bills were already issued.",
                same,
            )
            % same,
        )

    def _report_returned(self, request: HttpRequest, outcome: Outcome) -> None:
        n, same = outcome.done, outcome.unchanged
        self._report(
            request,
            outcome,
            done=ngettext("%d bill returned to the partner.", "%d bills returned to the partner.", n) % n,
            unchanged=ngettext(
                "%d bill was already pending confirmation and was left as it is.",
                "%d bills were already pending confirmation and were left as they are.",
                same,
            )
            % same,
        )

    def _report(self, request: HttpRequest, outcome: Outcome, *, done: str, unchanged: str) -> None:
        """Success only for what changed; a repeat is info; each refusal a warning with its reason."""
        if outcome.done:
            self.message_user(request, done, messages.SUCCESS)
        if outcome.unchanged:
            self.message_user(request, unchanged, messages.INFO)
        for refusal in outcome.refused:
            self.message_user(request, refusal, messages.WARNING)
