"""Periods and programs as the partner may choose them in filters and export forms."""

from django.db.models import QuerySet

from customers.selectors import PortalUser

from ..models import IncentiveProgram, ReconciliationPeriod
from .statements import incentives_for, statements_for


def partner_periods(user: PortalUser) -> QuerySet[ReconciliationPeriod]:
    """Only periods in which the partner has a bill are offered (and accepted), newest first."""
    return ReconciliationPeriod.objects.filter(pk__in=statements_for(user).values("period_id")).order_by(
        "-code"
    )


def partner_programs(user: PortalUser) -> QuerySet[IncentiveProgram]:
    """The programs the partner has incentives in, by name."""
    programs = incentives_for(user).values("program_id")
    return IncentiveProgram.objects.filter(pk__in=programs).order_by("name")


def program_catalogue() -> list[tuple[int, str, str]]:
    """[(id, code, name)] of the vendor's incentive programs (public, a few hundred at most), by name."""
    return list(IncentiveProgram.objects.order_by("name").values_list("pk", "code", "name"))
