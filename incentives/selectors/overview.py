"""The overview's to-do list: what waits for the user, each item a link to where it is done.

Bills to confirm (for users who may confirm), bills operations returned, answered feedback on
the partner's lines, and recent finished exports (for users who may download). A few small
queries, scoped to the user's partner like every other selector.
"""

import math
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Sum
from django.utils import timezone

from customers.capabilities import Capability, user_can
from customers.selectors import PortalUser

from ..models import ExportJob, ExportStatus, FeedbackStatus, Statement, StatementEvent
from ..policies import bill_is_confirmable, export_is_downloadable
from .details import line_totals_for
from .exports import exports_for
from .statements import bill_returns

RECENT_EXPORTS = timedelta(days=7)
EXPORTS_SHOWN = 5


@dataclass(frozen=True)
class BillToConfirm:
    statement: Statement
    days_left: int  # whole days until the deadline, rounded up; 0 when it has passed


@dataclass(frozen=True)
class AnsweredFeedback:
    period: str
    lines: int


@dataclass
class Overview:
    to_confirm: list[BillToConfirm] = field(default_factory=list)
    returned: list[tuple[Statement, StatementEvent]] = field(default_factory=list)
    answered: list[AnsweredFeedback] = field(default_factory=list)
    exports: list[ExportJob] = field(default_factory=list)
    # payment requests (invoices app): requests awaiting the partner's invoice, payable incentives
    invoices_needed: list[Any] = field(default_factory=list)
    payable: int = 0

    @property
    def empty(self) -> bool:
        return not (
            self.to_confirm
            or self.returned
            or self.answered
            or self.exports
            or self.invoices_needed
            or self.payable
        )


def days_left(statement: Statement) -> int:
    seconds = (statement.confirmation_deadline - timezone.now()).total_seconds()
    return max(0, math.ceil(seconds / 86400))


def overview_for(user: PortalUser, statements: list[Statement]) -> Overview:
    """What waits for the user among these bills (the overview's list) and beyond."""
    overview = Overview()
    returns = bill_returns(statements)
    overview.returned = [(bill, returns[bill.pk]) for bill in statements if bill.pk in returns]
    if user_can(user, Capability.CONFIRM_BILL):
        overview.to_confirm = [
            BillToConfirm(bill, days_left(bill))
            for bill in sorted(statements, key=lambda bill: bill.confirmation_deadline)
            if bill_is_confirmable(bill)
        ]
    answered = (  # from the kept per-attribute totals: a few thousand rows, not the lines
        line_totals_for(user)
        .filter(feedback_status=FeedbackStatus.ANSWERED)
        .order_by()
        .values("period__code")
        .annotate(lines=Sum("line_count"))
        .order_by("-period__code")
    )
    overview.answered = [AnsweredFeedback(row["period__code"], row["lines"]) for row in answered]
    if user_can(user, Capability.DOWNLOAD_EXPORT):
        recent = exports_for(user).filter(
            status=ExportStatus.COMPLETED, finished_at__gte=timezone.now() - RECENT_EXPORTS
        )
        overview.exports = [
            job for job in recent.order_by("-finished_at")[:EXPORTS_SHOWN] if export_is_downloadable(job)
        ]
    if user_can(user, Capability.REQUEST_PAYMENT):
        from invoices.selectors.payments import payment_todo_for

        overview.invoices_needed, overview.payable = payment_todo_for(user)
    return overview
