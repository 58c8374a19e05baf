"""Operators verify payee profiles (or reject them with a reason) and see the bank letter."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incentives.admin.base import ReadOnlyInline, StaffRequest
from partner_center.admin_read_only import ServiceOwnedReadOnly
from partner_center.errors import DomainError
from partner_center.stored_files import stored_file_response

from ..models import PayeeEvent, PayeeProfile
from ..services.payees import payee_reject, payee_verify


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (shown to the partner)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PayeeEventInline(ReadOnlyInline):
    model = PayeeEvent
    fields = ["created_at", "action", "old_status", "new_status", "actor_label", "reason"]
    readonly_fields = fields  # type: ignore[assignment]


@admin.register(PayeeProfile)
class PayeeProfileAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = ["partner", "signing_entity", "bank_name", "masked_account", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["partner__name", "signing_entity", "tax_id"]
    fields = [
        "partner", "signing_entity", "tax_id", "currency", "bank_name", "account_holder", "masked_account",
        "letter", "status", "rejection_reason", "verified_at", "auto_request", "auto_option",
    ]  # fmt: skip
    readonly_fields = fields  # type: ignore[assignment]
    inlines = [PayeeEventInline]
    actions = ["verify", "reject"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_verify_payee_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("invoices.verify_payee")

    @admin.display(description=gettext_lazy("Account number"))
    def masked_account(self, profile: PayeeProfile) -> str:
        return profile.masked_account

    @admin.display(description=gettext_lazy("Bank confirmation letter"))
    def letter(self, profile: PayeeProfile) -> str:
        if not profile.bank_letter:
            return "—"
        url = reverse("admin:invoices_payeeprofile_letter", args=[profile.pk])
        return format_html('<a href="{}">{}</a>', url, _("Open"))

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path("<int:object_id>/letter/", wrap(self.letter_file), name="invoices_payeeprofile_letter"),
            *super().get_urls(),
        ]

    def letter_file(self, request: StaffRequest, object_id: int) -> HttpResponseBase:
        profile = get_object_or_404(PayeeProfile, pk=object_id)
        if not self.has_view_permission(request) or not profile.bank_letter:
            raise Http404
        return stored_file_response(
            profile.bank_letter.name,
            filename=profile.bank_letter.name.rsplit("/", 1)[-1],
            as_attachment=False,
            storage=profile.bank_letter.storage,
        )

    @admin.action(description=gettext_lazy("Verify payee profiles"), permissions=["verify_payee"])
    def verify(self, request: StaffRequest, queryset: QuerySet[PayeeProfile]) -> None:
        self._each(request, queryset, lambda pk: payee_verify(profile_id=pk, actor=request.user))

    @admin.action(
        description=gettext_lazy("Reject payee profiles (with a reason)"), permissions=["verify_payee"]
    )
    def reject(self, request: StaffRequest, queryset: QuerySet[PayeeProfile]) -> TemplateResponse | None:
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            context = {
                "title": _("Reject payee profiles"), "form": form, "objects": queryset, "action": "reject",
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME, "opts": self.opts,
            }  # fmt: skip
            return TemplateResponse(request, "admin/invoices/reason_action.html", context)
        reason = form.cleaned_data["reason"]
        self._each(
            request, queryset, lambda pk: payee_reject(profile_id=pk, actor=request.user, reason=reason)
        )
        return None

    def _each(self, request: StaffRequest, queryset: QuerySet[PayeeProfile], call: Any) -> None:
        for profile in queryset.select_related("partner"):
            try:
                _profile, changed = call(profile.pk)
            except DomainError as error:
                messages.warning(request, f"{profile.partner}: {error}")
            else:
                level = messages.success if changed else messages.info
                level(request, f"{profile.partner}: {_profile.get_status_display()}")
