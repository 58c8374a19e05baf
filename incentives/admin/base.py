"""What the operators' admin pages share: read-only admins and inlines.

Status changes happen only through the services (admin actions), never by editing a field;
every field a service owns is read-only (partner_center/admin_read_only.py, mixed into every
admin and inline of the project).
"""

from typing import TYPE_CHECKING

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from partner_center.admin_read_only import ServiceOwnedReadOnly
from partner_center.formatting import money, rate

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from ..models import Incentive


class StaffRequest(HttpRequest):
    """The request an admin view or action gets (for the type checker only; at run time it is
    the plain HttpRequest): AdminSite.admin_view let only signed-in staff through."""

    user: "User"


class ReadOnlyAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(ServiceOwnedReadOnly, admin.TabularInline):
    """Rows shown under their parent, never added, edited or deleted there."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False


class IncentiveAmountColumn:
    """For the incentive inlines on a bill's page; the bill's total names the currency once."""

    @admin.display(description=_("incentive amount"))
    def amount_in_bill(self, incentive: "Incentive") -> str:
        return money(incentive.amount)


# Columns in the one display format (partner_center/formatting.py), for list_display.
@admin.display(description=_("bill total"), ordering="total")
def bill_total(statement) -> str:
    return money(statement.total, statement.currency)


@admin.display(description=_("incentive amount"), ordering="amount")
def incentive_amount(incentive) -> str:
    return money(incentive.amount, incentive.statement.currency)


@admin.display(description=_("revenue"), ordering="revenue")
def line_revenue(line) -> str:
    return money(line.revenue)


@admin.display(description=_("rate"), ordering="rate")
def line_rate(line) -> str:
    return rate(line.rate)


@admin.display(description=_("amount"), ordering="amount")
def line_amount(line) -> str:
    return money(line.amount)
