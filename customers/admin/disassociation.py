"""Operators answer disassociation requests on the customers' admin: approve, or reject with a
reason (the same reason page as authorisations), through the services."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incentives.admin.base import StaffRequest
from partner_center.admin_read_only import ServiceOwnedReadOnly

from ..models import Customer, CustomerEvent
from ..services.disassociation import disassociation_approve, disassociation_reject
from .authorisations import ask_reason, run_each


class CustomerEventInline(ServiceOwnedReadOnly, admin.TabularInline):
    model = CustomerEvent
    extra = 0
    can_delete = False
    fields = ["at", "old_status", "new_status", "actor_label", "reason"]
    readonly_fields = ["at", "old_status", "new_status", "actor_label", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


class DisassociationActions(admin.ModelAdmin):
    """Mixed into CustomerAdmin: the two answers to a disassociation request."""

    actions = ["approve_disassociation", "reject_disassociation"]

    def has_review_disassociation_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("customers.review_disassociation")

    @admin.action(
        description=gettext_lazy("Approve disassociation (→ Disassociated)"),
        permissions=["review_disassociation"],
    )
    def approve_disassociation(self, request: StaffRequest, queryset: QuerySet[Customer]) -> None:
        actor = request.user
        run_each(request, queryset, lambda pk: disassociation_approve(customer_id=pk, actor=actor))

    @admin.action(
        description=gettext_lazy("Reject disassociation (with a reason)"),
        permissions=["review_disassociation"],
    )
    def reject_disassociation(
        self, request: StaffRequest, queryset: QuerySet[Customer]
    ) -> HttpResponse | None:
        reason = ask_reason(self, request, queryset, "reject_disassociation", _("Reject disassociation"))
        if isinstance(reason, HttpResponse):
            return reason
        actor = request.user
        run_each(
            request, queryset, lambda pk: disassociation_reject(customer_id=pk, actor=actor, reason=reason)
        )
        return None
