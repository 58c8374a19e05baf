"""Customer alerts (客户预警): derived daily from the data, processed by their handler.

Derivation (alerts_derive, the daily job and `manage.py derive_alerts`): each scenario finds its
causes; a cause (customer, scenario, cause text) that has an alert already, open or processed,
is not raised again, and the unique (customer, scenario, cause, day) constraint keeps two runs
at once from raising one twice. Processing (alert_process): one transition, open -> closed,
row-locked, audited as an AlertEvent, idempotent for the same outcome.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.capabilities import Capability, user_can
from partner_center.errors import Conflict, Forbidden, InvalidInput, NotFound

if TYPE_CHECKING:
    from django.contrib.auth.models import User

from ..models import AlertEvent, AlertOutcome, AlertStatus, CustomerAlert
from ..selectors.alerts import alerts_for
from .alert_causes import Cause, all_causes, handlers_of

# action -> (from, to, statuses where it is already done)
TRANSITIONS: dict[str, tuple[str, str, set[str]]] = {
    "process": (AlertStatus.OPEN, AlertStatus.CLOSED, {AlertStatus.CLOSED}),
}
NOTE_MAX = 2000


def alerts_derive(*, today: date | None = None) -> int:
    """Raise today's alerts; returns how many were created (0 on a rerun the same day)."""
    today = today or timezone.localdate()
    causes = all_causes(
        today,
        churn_drop=Decimal(str(settings.ALERT_CHURN_DROP)),
        expiry_days=settings.ALERT_EXPIRY_DAYS,
        idle_days=settings.ALERT_IDLE_DAYS,
        quota_share=Decimal(str(settings.ALERT_QUOTA_SHARE)),
    )
    created = 0
    for start in range(0, len(causes), 1000):
        created += _raise(causes[start : start + 1000], today)
    return created


def _raise(causes: list[Cause], today: date) -> int:
    seen = set(
        CustomerAlert.objects.filter(customer_id__in={c.customer_id for c in causes}).values_list(
            "customer_id", "scenario", "cause"
        )
    )
    fresh = [c for c in causes if (c.customer_id, c.scenario, c.cause) not in seen]
    handlers = handlers_of({c.partner_id for c in fresh})
    rows = []
    for c in fresh:
        user = handlers.get((c.partner_id, c.account_manager)) or handlers.get((c.partner_id, None))
        rows.append(
            CustomerAlert(
                partner_id=c.partner_id,
                customer_id=c.customer_id,
                scenario=c.scenario,
                cause=c.cause,
                detail=c.detail[:300],
                raised_on=today,
                handler=user,
                handler_label=(user.get_full_name() or user.get_username()) if user else "",
                account_manager=c.account_manager,
            )
        )
    before = CustomerAlert.objects.filter(raised_on=today).count()
    CustomerAlert.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return CustomerAlert.objects.filter(raised_on=today).count() - before


@dataclass(frozen=True)
class Processed:
    alert: CustomerAlert
    changed: bool


def alert_process(*, user: "User", alert_id: int, outcome: str, note: str) -> Processed:
    """The handler (or the partner's admin) records the outcome; the alert is closed and audited."""
    if outcome not in AlertOutcome.values:
        raise InvalidInput(_("Choose an outcome."))
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise InvalidInput(_("The note is too long (at most %(max)d characters).") % {"max": NOTE_MAX})
    source, target, done = TRANSITIONS["process"]
    with transaction.atomic():
        alert = alerts_for(user).select_for_update().filter(pk=alert_id).first()
        if alert is None:
            raise NotFound(_("No such alert."))
        if alert.handler_id != user.pk and not user_can(user, Capability.HANDLE_ANY_ALERT):
            raise Forbidden(_("Only the alert's handler or your partner's admin may process this alert."))
        if alert.status in done:
            if alert.outcome == outcome:
                return Processed(alert, False)
            raise Conflict(
                _("This alert was already processed: %(outcome)s.") % {"outcome": alert.get_outcome_display()}
            )
        if alert.status != source:
            raise Conflict(_("This alert cannot be processed in its status."))
        alert.status, alert.outcome, alert.note = target, outcome, note
        alert.processed_by, alert.processed_at = user, timezone.now()
        alert.save(update_fields=["status", "outcome", "note", "processed_by", "processed_at"])
        AlertEvent.objects.create(
            alert=alert,
            action="process",
            actor=user,
            actor_label=user.get_full_name() or user.get_username(),
            outcome=outcome,
            note=note,
        )
    return Processed(alert, True)
