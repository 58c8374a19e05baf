"""Operators' admin of customer authorisations and the reveal audit.

Approve (the customer's approval, recorded by the operator), Reject and Revoke (each with a
reason) are actions calling the services request by request; status fields are read-only.
"""

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incentives.admin.base import StaffRequest
from partner_center.errors import DomainError

from ..models import Authorisation, AuthorisationEvent, ContactReveal
from ..services.authorisations import (
    Change,
    authorisation_approve,
    authorisation_reject,
    authorisation_revoke,
)

REASON_TEMPLATE = "admin/customers/reason.html"


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (shown to the partner)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )


class EventInline(admin.TabularInline):
    model = AuthorisationEvent
    extra = 0
    can_delete = False
    fields = ["at", "old_status", "new_status", "actor_label", "reason"]
    readonly_fields = ["at", "old_status", "new_status", "actor_label", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Authorisation)
class AuthorisationAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "partner",
        "customer",
        "status",
        "requested_by",
        "requested_at",
        "status_changed_at",
    ]
    list_filter = ["status", "partner__kind"]
    search_fields = ["partner__name", "customer__name", "=customer__account"]
    list_select_related = ["partner", "customer", "requested_by"]
    readonly_fields = [
        "partner", "customer", "status", "notes", "commitment_accepted_at", "requested_by",
        "requested_at", "status_changed_at", "reason",
    ]  # fmt: skip
    inlines = [EventInline]
    actions = ["approve", "reject", "revoke"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_review_authorisation_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("customers.review_authorisation")

    @admin.action(
        description=gettext_lazy("Record the customer's approval (→ Authorised)"),
        permissions=["review_authorisation"],
    )
    def approve(self, request: StaffRequest, queryset: QuerySet[Authorisation]) -> None:
        self._each(
            request, queryset, lambda pk: authorisation_approve(authorisation_id=pk, actor=request.user)
        )

    @admin.action(description=gettext_lazy("Reject (with a reason)"), permissions=["review_authorisation"])
    def reject(self, request: StaffRequest, queryset: QuerySet[Authorisation]) -> HttpResponse | None:
        return self._with_reason(request, queryset, "reject", authorisation_reject, _("Reject requests"))

    @admin.action(
        description=gettext_lazy("Revoke for the customer (with a reason)"),
        permissions=["review_authorisation"],
    )
    def revoke(self, request: StaffRequest, queryset: QuerySet[Authorisation]) -> HttpResponse | None:
        return self._with_reason(
            request, queryset, "revoke", authorisation_revoke, _("Revoke authorisations")
        )

    def _with_reason(
        self,
        request: StaffRequest,
        queryset: QuerySet[Authorisation],
        action: str,
        service: Callable[..., Change],
        title: str,
    ) -> HttpResponse | None:
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "title": title,
                "opts": self.opts,
                "form": form,
                "objects": queryset.select_related("partner", "customer"),
                "action": action,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, REASON_TEMPLATE, context)
        reason = form.cleaned_data["reason"]
        self._each(
            request, queryset, lambda pk: service(authorisation_id=pk, actor=request.user, reason=reason)
        )
        return None

    def _each(
        self, request: HttpRequest, queryset: QuerySet[Authorisation], run: Callable[[int], Change]
    ) -> None:
        done = same = 0
        for authorisation in queryset.select_related("partner", "customer"):
            try:
                if run(authorisation.pk).changed:
                    done += 1
                else:
                    same += 1
            except DomainError as error:
                messages.warning(request, f"{authorisation}: {error}")
        if done:
            messages.success(request, _("%(count)s request(s) changed.") % {"count": done})
        if same:
            messages.info(request, _("%(count)s request(s) were already so.") % {"count": same})


@admin.register(ContactReveal)
class ContactRevealAdmin(admin.ModelAdmin):
    list_display = ["at", "partner", "actor", "customer", "field"]
    list_filter = ["field", "partner__kind"]
    search_fields = ["partner__name", "customer__name", "actor__username"]
    list_select_related = ["partner", "actor", "customer"]
    readonly_fields = ["at", "partner", "actor", "customer", "field"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
