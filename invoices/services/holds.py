"""Holds: operators freeze a partner's incentives (and lift the hold); the daily job turns the
arrears list into holds and lifts them the day after the arrears are marked paid."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.models import Partner
from partner_center.errors import InvalidInput

from ..models import Arrears, Hold, HoldSource
from .payments import Actor


def hold_place(*, partner: Partner, reason: str, since: date, until: date | None, actor: Actor) -> Hold:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("A freezing reason is required."))
    if until is not None and until < since:
        raise InvalidInput(_("A hold cannot end before it starts."))
    return Hold.objects.create(partner=partner, reason=reason, since=since, until=until)


def hold_lift(*, hold_id: int, actor: Actor) -> tuple[Hold, bool]:
    """Lift the hold now; lifting a lifted hold is a no-op."""
    with transaction.atomic():
        hold = Hold.objects.select_for_update().get(pk=hold_id)
        if hold.lifted_at is not None:
            return hold, False
        hold.lifted_at, hold.lifted_by = timezone.now(), actor
        hold.save(update_fields=["lifted_at", "lifted_by"])
    return hold, True


def holds_sync_arrears(*, today: date | None = None) -> dict[str, int]:
    """The daily job: a hold for each unpaid arrears without one; lift the holds of arrears paid
    before today (the day after payment). Safe to run twice or at the same time."""
    today = today or timezone.localdate()
    placed = lifted = 0
    unpaid = Arrears.objects.filter(paid_on__isnull=True, hold__isnull=True).select_related("partner")
    for arrears in unpaid:
        with transaction.atomic():
            locked = Arrears.objects.select_for_update().order_by().get(pk=arrears.pk)
            if locked.paid_on is not None or Hold.objects.filter(arrears=locked).exists():
                continue
            Hold.objects.create(
                partner_id=locked.partner_id,
                arrears=locked,
                source=HoldSource.ARREARS,
                since=today,
                reason=_("Unpaid cloud bill of %(period)s: %(amount)s. The hold lifts the day after payment.")
                % {"period": locked.period, "amount": locked.amount},
            )
            placed += 1
    paid = Hold.objects.filter(
        source=HoldSource.ARREARS, lifted_at__isnull=True, arrears__paid_on__lte=today - timedelta(days=1)
    )
    for hold in paid:
        lifted += hold_lift(hold_id=hold.pk, actor=None)[1]
    return {"placed": placed, "lifted": lifted}
