"""Computes indicator values (the job) and keeps their feedback threads.

indicators_compute: every active indicator, every partner, every statistical period from the
start of last year to this month: one grouped query per indicator and period, written as one
upsert per indicator and period (unique indicator, partner, period), so a run writes each
value exactly once and a rerun (or two at once) leaves the same rows.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.capabilities import Capability, require_capability
from customers.selectors import PortalUser
from incentives.models import FeedbackAuthor, FeedbackStatus
from partner_center.errors import InvalidInput, NotFound

from ..models import Indicator, IndicatorFeedback, IndicatorMethod, IndicatorValue
from ..selectors.indicators import Window, customers_of, indicator_values_for, lines_of, windows

TEXT_MAX = 2000
RATIO = Decimal("0.0001")
M = IndicatorMethod


def _figures(indicator: Indicator, window: Window) -> dict[int, tuple[Decimal, int]]:
    """partner -> (value, rows) of one period."""
    if indicator.method == M.NEW_CUSTOMERS:
        new = customers_of(window).order_by().values_list("partner_id").annotate(n=Count("id"))
        return {partner: (Decimal(n), n) for partner, n in new}
    lines = lines_of(indicator, window).order_by().values_list("partner_id")
    if indicator.method == M.PAYING_CUSTOMERS:
        rows = lines.annotate(n=Count("customer_id", distinct=True), lines=Count("id"))
        return {partner: (Decimal(n), count) for partner, n, count in rows}
    sums = {p: (total, n) for p, total, n in lines.annotate(total=Sum("revenue"), n=Count("id"))}
    if indicator.method == M.REVENUE_SUM:
        return sums
    before = {p: total for p, total, _n in _figures_revenue(indicator, window.previous())}
    # growth against the period before: (this - before) / before, for partners with revenue before
    zero = (Decimal(0), 0)  # a partner with revenue before and none now fell by 100%
    return {
        partner: (((sums.get(partner, zero)[0] - past) / past).quantize(RATIO), sums.get(partner, zero)[1])
        for partner, past in before.items()
        if past
    }


def _figures_revenue(indicator: Indicator, window: Window):
    return (
        lines_of(indicator, window)
        .order_by()
        .values_list("partner_id")
        .annotate(t=Sum("revenue"), n=Count("id"))
    )


def indicators_compute(*, today: date | None = None, now: datetime | None = None) -> int:
    """Every active indicator's values; returns how many values were written."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    written = 0
    for indicator in Indicator.objects.filter(active=True).order_by("code"):
        for window in windows(indicator.period_kind, today):
            rows = [
                IndicatorValue(
                    indicator=indicator,
                    partner_id=partner,
                    period_code=window.code,
                    period_start=window.start,
                    period_end=window.end,
                    value=value,
                    row_count=count,
                    computed_at=now,
                )  # fmt: skip
                for partner, (value, count) in _figures(indicator, window).items()
            ]
            IndicatorValue.objects.bulk_create(
                rows,
                batch_size=1000,
                update_conflicts=True,
                unique_fields=["indicator", "partner", "period_code"],
                update_fields=["value", "row_count", "computed_at", "period_start", "period_end"],
            )
            written += len(rows)
    return written


@dataclass(frozen=True)
class FeedbackChange:
    value: IndicatorValue
    changed: bool


def _text(text: str, *, required: bool) -> str:
    text = (text or "").strip()
    if required and not text:
        raise InvalidInput(_("Enter your feedback."))
    if len(text) > TEXT_MAX:
        raise InvalidInput(_("The feedback is too long (at most %(max)d characters).") % {"max": TEXT_MAX})
    return text


def indicator_feedback_write(*, user: PortalUser, value_id: int, text: str) -> FeedbackChange:
    """A partner's feedback on a value (as on a detail line): opens (or reopens) its thread."""
    require_capability(user, Capability.WRITE_FEEDBACK)
    text = _text(text, required=True)
    with transaction.atomic():
        value = indicator_values_for(user).select_for_update().filter(pk=value_id).first()
        if value is None:
            raise NotFound(_("No such indicator value."))
        if value.feedback == text and value.feedback_status == FeedbackStatus.OPEN:
            return FeedbackChange(value, False)
        return FeedbackChange(_post(value, FeedbackAuthor.PARTNER, user, text, FeedbackStatus.OPEN), True)


def indicator_feedback_reply(*, actor, value_id: int, text: str, resolve: bool = False) -> FeedbackChange:
    """An operator's reply (Django admin): answers the feedback, or resolves it."""
    text = _text(text, required=not resolve)
    status = FeedbackStatus.RESOLVED if resolve else FeedbackStatus.ANSWERED
    with transaction.atomic():
        value = IndicatorValue.objects.select_for_update().filter(pk=value_id).first()
        if value is None:
            raise NotFound(_("No such indicator value."))
        if value.feedback_status == "":
            raise InvalidInput(_("There is no feedback on this value to answer."))
        if value.feedback_status == status and value.feedback_reply == text:
            return FeedbackChange(value, False)
        return FeedbackChange(_post(value, FeedbackAuthor.OPERATOR, actor, text, status), True)


def _post(value: IndicatorValue, kind: str, author, text: str, status: str) -> IndicatorValue:
    IndicatorFeedback.objects.create(
        value=value, author_kind=kind, author=author, text=text, status=status,
        author_label=author.get_full_name() or author.get_username(),
    )  # fmt: skip
    if kind == FeedbackAuthor.PARTNER:
        value.feedback, value.feedback_reply = text, ""
    else:
        value.feedback_reply = text or value.feedback_reply
    value.feedback_status, value.feedback_at = status, timezone.now()
    value.save(update_fields=["feedback", "feedback_reply", "feedback_status", "feedback_at"])
    return value
