"""Operators' admin of customer authorisations and the reveal audit.

Approve (the customer's approval, recorded by the operator), Reject and Revoke (each with a
reason) are actions calling the services request by request; status fields are read-only.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incentives.admin.base import StaffRequest
from partner_center.admin_read_only import ServiceOwnedReadOnly
from partner_center.errors import DomainError

from ..models import Authorisation, AuthorisationEvent, ContactReveal, CustomerConsent
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


class EventInline(ServiceOwnedReadOnly, admin.TabularInline):
    model = AuthorisationEvent
    extra = 0
    can_delete = False
    fields = ["at", "old_status", "new_status", "actor_label", "reason"]
    readonly_fields = ["at", "old_status", "new_status", "actor_label", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


class ConsentInline(ServiceOwnedReadOnly, admin.TabularInline):
    model = CustomerConsent
    extra = 0
    can_delete = False
    fields = ["created_at", "purpose", "sent_to", "expires_at", "failed_attempts", "used_at", "locked_at"]
    readonly_fields = [
        "created_at",
        "purpose",
        "sent_to",
        "expires_at",
        "failed_attempts",
        "used_at",
        "locked_at",
    ]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Authorisation)
class AuthorisationAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
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
    inlines = [EventInline, ConsentInline]
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
        actor = request.user
        run_each(request, queryset, lambda pk: authorisation_approve(authorisation_id=pk, actor=actor))

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
        reason = ask_reason(self, request, queryset, action, title)
        if isinstance(reason, HttpResponse):
            return reason
        actor = request.user
        run_each(request, queryset, lambda pk: service(authorisation_id=pk, actor=actor, reason=reason))
        return None


def ask_reason(
    model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet, action: str, title: str
) -> HttpResponse | str:
    """The reason given on the action's reason page, or that page (again, if the reason was missing)."""
    form = ReasonForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        return form.cleaned_data["reason"]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "opts": model_admin.opts,
        "form": form,
        "objects": queryset,
        "action": action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, REASON_TEMPLATE, context)


def run_each(request: HttpRequest, queryset: QuerySet, run: Callable[[int], Any]) -> None:
    """Each selected object through the service on its own; refusals are warnings naming it."""
    done = same = 0
    for item in queryset:
        try:
            if run(item.pk).changed:
                done += 1
            else:
                same += 1
        except DomainError as error:
            messages.warning(request, f"{item}: {error}")
    if done:
        messages.success(request, _("%(count)s request(s) changed.") % {"count": done})
    if same:
        messages.info(request, _("%(count)s request(s) were already so.") % {"count": same})


@admin.register(ContactReveal)
class ContactRevealAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
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
