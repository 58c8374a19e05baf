"""The operators' payout review queue: Issuing bills to approve or return to the partner.

Read-only views of the bills; the only writes are the two actions, each calling the
transition service per bill and reporting what was done and what was refused and why.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from customers.models import Partner
from partner_center.errors import DomainError

from ..models import (
    DetailLine,
    FeedbackStatus,
    Incentive,
    IncentiveProgram,
    PayoutReview,
    StatementStatus,
)
from ..services.statements import statement_approve, statement_return
from .base import bill_total
from .statements import StatementEventInline

S = StatementStatus


class ReviewStatusFilter(admin.SimpleListFilter):
    """Status, defaulting to the queue itself (Issuing) rather than every bill."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*S.choices, (self.ALL, _("All"))]

    def value(self):
        return super().value() or S.ISSUING

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        return queryset if self.value() == self.ALL else queryset.filter(status=self.value())


class ProgramFilter(admin.SimpleListFilter):
    """Bills with an incentive of the program (a subquery, so no DISTINCT over the bills)."""

    title = _("incentive program")
    parameter_name = "program"

    def lookups(self, request, model_admin):
        return IncentiveProgram.objects.values_list("pk", "name")

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                pk__in=Incentive.objects.filter(program=self.value()).values("statement_id")
            )
        return queryset


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown to the partner)"), widget=forms.Textarea(attrs={"rows": 4, "cols": 60})
    )
    new_deadline = forms.DateTimeField(
        label=_("New confirmation deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean_new_deadline(self):
        deadline = self.cleaned_data["new_deadline"]
        if deadline <= timezone.now():
            raise forms.ValidationError(_("The new confirmation deadline must be in the future."))
        return deadline


class ReviewIncentiveInline(admin.TabularInline):
    model = Incentive
    fields = ["incentive_id", "program", "amount", "lines"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("detail lines"))
    def lines(self, incentive):
        url = reverse("admin:incentives_detailline_changelist") + "?" + urlencode({"incentive": incentive.pk})
        return format_html('<a href="{}">{}</a>', url, _("View lines"))


@admin.register(PayoutReview)
class PayoutReviewAdmin(admin.ModelAdmin):
    list_display = [
        "partner",
        "period",
        "status",
        bill_total,
        "confirmed_at",
        "confirmed_by_label",
        "open_feedback",
    ]
    list_display_links = ["partner"]
    list_filter = [ReviewStatusFilter, "period", "partner__kind", ProgramFilter]
    search_fields = ["partner__name", "=incentives__incentive_id"]  # see get_search_results
    search_help_text = _("Partner name, or an exact Incentive ID")
    list_select_related = ["partner", "period", "confirmed_by"]
    ordering = ["confirmed_at", "id"]  # the queue is worked oldest confirmation first (an index)
    fields = [
        "partner",
        "period",
        "status",
        "total",
        "currency",
        "confirmation_deadline",
        "status_changed_at",
        "confirmed_at",
        "confirmed_by",
    ]
    readonly_fields = fields
    inlines = [ReviewIncentiveInline, StatementEventInline]
    actions = ["approve_payout", "return_to_partner"]

    def get_queryset(self, request):
        # partner and period repeat on each line, so this count uses the lines' feedback index.
        open_lines = (
            DetailLine.objects.filter(
                partner=OuterRef("partner_id"),
                period=OuterRef("period_id"),
                feedback_status=FeedbackStatus.OPEN,
            )
            .order_by()
            .values("partner")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(open_feedback=Coalesce(Subquery(open_lines, output_field=IntegerField()), Value(0)))
        )

    def get_search_results(self, request, queryset, search_term):
        # search_fields' join through incentives would make the admin add DISTINCT to every page.
        term = search_term.strip()
        if not term:
            return queryset, False
        partners = Partner.objects.filter(name__icontains=term).values("pk")
        by_incentive = Incentive.objects.filter(incentive_id=term).values("statement_id")
        return queryset.filter(Q(partner__in=partners) | Q(pk__in=by_incentive)), False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_review_payout_permission(self, request):
        return request.user.has_perm("incentives.review_payout")

    @admin.display(description=_("confirmed by"), ordering="confirmed_by__username")
    def confirmed_by_label(self, statement):
        if statement.confirmed_by_id:
            return statement.confirmed_by.get_username()
        return _("System") if statement.confirmed_at else "-"

    @admin.display(description=_("open feedback"), ordering="open_feedback")
    def open_feedback(self, statement):
        if not statement.open_feedback:
            return 0
        query = {"partner": statement.partner_id, "period": statement.period_id, "feedback_status": "open"}
        url = reverse("admin:incentives_detailline_changelist") + "?" + urlencode(query)
        return format_html('<a href="{}">{}</a>', url, statement.open_feedback)

    @admin.action(
        description=_("Approve payout (Issuing → Issued successfully)"), permissions=["review_payout"]
    )
    def approve_payout(self, request, queryset):
        done, unchanged = self._run(
            request, queryset, lambda pk: statement_approve(statement_id=pk, actor=request.user)
        )
        self.message_user(request, ngettext("%d payout approved.", "%d payouts approved.", done) % done)
        if unchanged:
            self.message_user(
                request,
                ngettext("%d bill was already issued.", "%d bills were already issued.", unchanged)
                % unchanged,
            )

    @admin.action(
        description=_("Return to partner (with a reason and a new deadline)"), permissions=["review_payout"]
    )
    def return_to_partner(self, request, queryset):
        form = ReturnForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return TemplateResponse(
                request,
                "admin/incentives/payoutreview/return_to_partner.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Return bills to the partner"),
                    "opts": self.opts,
                    "form": form,
                    "bills": queryset,
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                    "time_zone": timezone.get_current_timezone_name(),
                },
            )
        reason, deadline = form.cleaned_data["reason"], form.cleaned_data["new_deadline"]
        done, unchanged = self._run(
            request,
            queryset,
            lambda pk: statement_return(
                statement_id=pk, actor=request.user, reason=reason, new_deadline=deadline
            ),
        )
        self.message_user(
            request,
            ngettext("%d bill returned to the partner.", "%d bills returned to the partner.", done) % done,
        )
        if unchanged:
            self.message_user(
                request,
                ngettext(
                    "%d bill was already pending confirmation and was left as it is.",
                    "%d bills were already pending confirmation and were left as they are.",
                    unchanged,
                )
                % unchanged,
            )
        return None

    def _run(self, request, queryset, transition):
        """Each bill through the service on its own; refusals are reported with the service's reason."""
        done = unchanged = 0
        for statement in queryset.select_related("partner", "period"):
            try:
                if transition(statement.pk).changed:
                    done += 1
                else:
                    unchanged += 1
            except DomainError as error:
                self.message_user(request, f"{statement}: {error}", messages.WARNING)
        return done, unchanged
