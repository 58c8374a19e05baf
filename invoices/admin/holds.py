"""Holds (operators place and lift them) and the arrears list the daily job reads."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incentives.admin.base import StaffRequest
from partner_center.admin_read_only import ServiceOwnedReadOnly

from ..models import Arrears, Hold
from ..policies import hold_is_active
from ..services.holds import hold_lift, hold_place


@admin.register(Arrears)
class ArrearsAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = ["partner", "period", "amount", "paid_on"]
    list_filter = ["paid_on"]
    list_editable = ["paid_on"]
    search_fields = ["partner__name", "period"]


@admin.register(Hold)
class HoldAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = ["partner", "reason", "since", "until", "source", "active", "lifted_at"]
    list_filter = ["source", "lifted_at"]
    search_fields = ["partner__name", "reason"]
    actions = ["lift"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["partner", "reason", "since", "until"]
        return ["partner", "reason", "since", "until", "source", "arrears", "lifted_at", "lifted_by"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return super().get_readonly_fields(request, obj) if obj is None else self.get_fields(request, obj)

    @admin.display(description=gettext_lazy("Active"), boolean=True)
    def active(self, hold: Hold) -> bool:
        return hold_is_active(hold)

    def save_model(self, request: HttpRequest, obj: Hold, form: Any, change: bool) -> None:
        if change:
            return
        created = hold_place(
            partner=obj.partner,
            reason=obj.reason,
            since=obj.since,
            until=obj.until,
            actor=request.user,  # type: ignore[arg-type]
        )
        obj.pk = created.pk

    @admin.action(description=gettext_lazy("Lift the selected holds"))
    def lift(self, request: StaffRequest, queryset: QuerySet[Hold]) -> None:
        lifted = sum(hold_lift(hold_id=hold.pk, actor=request.user)[1] for hold in queryset)
        messages.success(request, _("%(count)d holds lifted.") % {"count": lifted})
