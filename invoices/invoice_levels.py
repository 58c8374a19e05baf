"""The service levels of invoice requests, as due times, and the next step in words.

The clerk reviews within 1 working day; issues a paper invoice within 3 working days and an
electronic one the same working day; decides a cancellation or a return within 3 working days.
A level of N working days ends at 18:00 (the end of the business day, our choice) of the N-th
working day after the day the clock started; "the same day" ends at 18:00 of that day when it
is a working day and the clock started before 18:00, else of the next working day. Working
days follow the mainland China calendar with its make-up days (partner_center/working_days.py).
"""

from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partner_center.formatting import local_time
from partner_center.working_days import add_working_days, is_working_day

from .models import InvoiceMedium, InvoiceRequest, InvoiceRequestStatus

S = InvoiceRequestStatus
CLOSE_OF_BUSINESS = time(18, 0)


def _close_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, CLOSE_OF_BUSINESS))


def working_days_after(start: datetime, days: int) -> datetime:
    """18:00 local of the `days`-th working day after `start`'s day; 0 = the same working day."""
    local = timezone.localtime(start)
    if days > 0:
        return _close_of(add_working_days(local.date(), days))
    day = local.date()
    if not is_working_day(day) or local.time() >= CLOSE_OF_BUSINESS:
        day = add_working_days(day, 1)
    return _close_of(day)


def due_at_for(status: str, medium: str, since: datetime) -> datetime | None:
    """When the clerk owes the next step of a request that entered `status` at `since`."""
    if status == S.PENDING_REVIEW:
        return working_days_after(since, 1)
    if status in (S.ISSUING, S.CANCEL_FAILED):
        return working_days_after(since, 3 if medium == InvoiceMedium.PAPER else 0)
    if status in (S.CANCELLING, S.RETURNING):
        return working_days_after(since, 3)
    return None


def is_overdue(request: InvoiceRequest, now: datetime | None = None) -> bool:
    return request.due_at is not None and (now or timezone.now()) > request.due_at


def due_words(moment: datetime) -> str:
    """ "2026-12-03 18:00 CST": the local time with the zone's abbreviation."""
    return f"{local_time(moment, zone=False)} {timezone.localtime(moment).tzname()}"


def next_step(request: InvoiceRequest) -> str:
    """Who acts next and by when, in words."""
    due = due_words(request.due_at) if request.due_at else ""
    status = request.status
    if status == S.PENDING_REVIEW:
        return _("The invoice clerk reviews by %(due)s.") % {"due": due}
    if status in (S.ISSUING, S.CANCEL_FAILED):
        return _("The invoice clerk issues the invoice by %(due)s.") % {"due": due}
    if status == S.CANCELLING:
        return _("The invoice clerk decides on your cancellation by %(due)s.") % {"due": due}
    if status == S.RETURNING:
        return _("The invoice clerk decides on your return by %(due)s.") % {"due": due}
    if status == S.PENDING_RECEIPT:
        return _("The invoice is in the post (%(carrier)s %(tracking)s): sign for it when it arrives.") % {
            "carrier": request.carrier,
            "tracking": request.tracking_number,
        }
    if status == S.REJECTED:
        return _("Correct what the reason says and request again, or delete the request.")
    if status == S.RETURN_REJECTED:
        return _("You may return the invoice again.")
    if status == S.ISSUED:
        return _("The invoice is issued.")
    return _("You may request an invoice for these orders again.")


ACTION_LABELS = {
    "submit": gettext_lazy("Requested"),
    "approve": gettext_lazy("Approved by the invoice clerk"),
    "reject": gettext_lazy("Rejected"),
    "cancel": gettext_lazy("Cancelled"),
    "request_cancel": gettext_lazy("Cancellation requested"),
    "approve_cancel": gettext_lazy("Cancellation accepted"),
    "reject_cancel": gettext_lazy("Cancellation rejected"),
    "mail": gettext_lazy("Mailed"),
    "issue": gettext_lazy("Electronic invoice issued"),
    "sign": gettext_lazy("Signed for"),
    "request_return": gettext_lazy("Return requested"),
    "approve_return": gettext_lazy("Return accepted"),
    "reject_return": gettext_lazy("Return rejected"),
    "delete": gettext_lazy("Deleted"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
