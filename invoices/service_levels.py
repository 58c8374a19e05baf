"""The stated service levels of payment requests, as due dates.

Invoice review within 1 working day of the invoices; payment within 30 calendar days of
receiving the invoices; top-up and coupons within 5 working days of the request; and (our
choice, the documentation is silent) finance accepts a bank-transfer request within 1 working
day. Working days follow the mainland China calendar with its make-up working days
(partner_center/working_days.py).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from partner_center.working_days import add_working_days

from .models import PaymentOption, PaymentRequest, PaymentStatus

S = PaymentStatus


@dataclass(frozen=True)
class Due:
    what: Promise
    on: date
    overdue: bool


def _local(moment: datetime | None) -> date:
    return timezone.localdate(moment) if moment else timezone.localdate()


def current_due(request: PaymentRequest, today: date | None = None) -> Due | None:
    """What finance owes the request now and by when; None when nothing is owed by finance."""
    today = today or timezone.localdate()
    if request.status == S.SUBMITTED and request.option == PaymentOption.BANK_TRANSFER:
        what, on = _("Acceptance due"), add_working_days(_local(request.submitted_at), 1)
    elif request.status == S.SUBMITTED:
        what, on = _("Top-up or coupons due"), add_working_days(_local(request.submitted_at), 5)
    elif request.status == S.INVOICE_REVIEW:
        what, on = _("Invoice review due"), add_working_days(_local(request.invoices_received_at), 1)
    elif request.status in (S.APPROVED, S.PAYMENT_FAILED):
        what, on = _("Payment due"), _local(request.invoices_received_at) + timedelta(days=30)
    else:
        return None
    return Due(what=what, on=on, overdue=today > on)
