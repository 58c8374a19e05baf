"""The incentive module's business rules about state, each written once.

Services enforce them, views and the API ask them before offering an action, templates ask
them through the `policies` template tags. Who may act (roles) is customers/capabilities.py;
these say whether the object's state allows it.
"""

from typing import Protocol

from django.utils.translation import gettext as _

from .models import (
    ExportJob,
    ExportStatus,
    FeedbackAuthor,
    FeedbackMessage,
    Statement,
    StatementEvent,
    StatementStatus,
)


class HasStatus(Protocol):
    """A bill as the policies read it: a Statement, or the Summary's SummaryBill row."""

    @property
    def pk(self) -> int: ...

    @property
    def status(self) -> str: ...


def bill_is_confirmable(bill: HasStatus) -> bool:
    """Only a bill pending confirmation can be confirmed (by the partner or the deadline)."""
    return bill.status == StatementStatus.PENDING


def bill_is_under_review(bill: HasStatus) -> bool:
    """Only a confirmed bill waiting for its payout (Issuing) can be approved or returned."""
    return bill.status == StatementStatus.ISSUING


def event_is_return(event: StatementEvent | None) -> bool:
    """An operator's return: Issuing -> Pending confirmation."""
    return (
        event is not None
        and event.old_status == StatementStatus.ISSUING
        and event.new_status == StatementStatus.PENDING
    )


def bill_was_returned(bill: HasStatus, latest_event: StatementEvent | None) -> bool:
    """Returned by operations: the bill is pending confirmation again and its latest event is the return."""
    return bill_is_confirmable(bill) and event_is_return(latest_event)


def bill_is_issued(bill: HasStatus) -> bool:
    """Issued successfully: its incentives are payable (payment requests, invoices app)."""
    return bill.status == StatementStatus.ISSUED


def bill_is_estimated(bill: Statement) -> bool:
    """Estimated figures are not yet formal: they still take new lines and are not confirmed."""
    return bill.status == StatementStatus.ESTIMATED


def line_takes_feedback(bill: Statement) -> bool:
    """A bill's lines take feedback until the bill is issued (paid out)."""
    return bill.status != StatementStatus.ISSUED


def feedback_closed_reason(bill: Statement) -> str:
    return _("The bill of %(period)s is already issued; its lines no longer take feedback.") % {
        "period": bill.period.code
    }


def feedback_author_label(message: FeedbackMessage) -> str:
    """Operators answer as "Partner Center operations", never by their own user name."""
    if message.author_kind == FeedbackAuthor.OPERATOR:
        return _("Partner Center operations")
    return message.author_label


def export_is_active(job: ExportJob) -> bool:
    """Queued or running: Export History keeps refreshing while a job is active."""
    return job.status in (ExportStatus.QUEUED, ExportStatus.RUNNING)


def export_is_downloadable(job: ExportJob) -> bool:
    """Only a completed job with its file attached has anything to download."""
    return job.status == ExportStatus.COMPLETED and bool(job.file)


def export_is_failed(job: ExportJob) -> bool:
    return job.status == ExportStatus.FAILED
