"""Bill status changes: the one transition table and one service per transition.

A status change locks the bill row, checks TRANSITIONS, saves with update_fields and writes
an append-only StatementEvent in the same transaction. Repeating a transition that already
happened is a no-op success (Transition.changed is False). `actor=None` means the system
(the deadline sweep, statements_confirm_overdue, beside the table it shares).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, TypeAlias, TypedDict

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partner_center.errors import Conflict, InvalidInput

from ..models import Statement, StatementEvent, StatementStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# A signed-in user (the one stored as the event's actor), or None for the system.
Actor: TypeAlias = "User | None"

S = StatementStatus

# The only status changes there are: action -> (from, to, statuses where it is already done).
TRANSITIONS = {
    # operator publishes the estimated figures as the formal bill
    "publish": (S.ESTIMATED, S.PENDING, {S.PENDING, S.ISSUING, S.ISSUED}),
    # partner (or the system after the deadline) confirms the whole bill of the period
    "confirm": (S.PENDING, S.ISSUING, {S.ISSUING, S.ISSUED}),
    # operator approves the payout
    "approve": (S.ISSUING, S.ISSUED, {S.ISSUED}),
    # operator returns the bill to the partner, with a reason and a new deadline
    "return": (S.ISSUING, S.PENDING, {S.PENDING}),
}

ACTION_VERBS = {
    "publish": gettext_lazy("published"),
    "confirm": gettext_lazy("confirmed"),
    "approve": gettext_lazy("approved"),
    "return": gettext_lazy("returned to the partner"),
}
SYSTEM_DEADLINE = gettext_lazy("System (deadline passed)")


@dataclass(frozen=True)
class Transition:
    statement: Statement
    changed: bool


def _actor_label(actor: Actor, system_label: Promise | str | None) -> str:
    if actor is None:
        return str(system_label or _("System"))
    return actor.get_username()


def _event(
    *,
    statement_id: int,
    old: str,
    new: str,
    actor: Actor,
    system_label: Promise | str | None = None,
    reason: str = "",
) -> StatementEvent:
    return StatementEvent(
        statement_id=statement_id,
        old_status=old,
        new_status=new,
        actor=actor,
        actor_label=_actor_label(actor, system_label),
        reason=reason,
    )


class Confirmation(TypedDict):
    confirmed_at: datetime
    confirmed_by: "User | None"


def _confirmation(*, actor: Actor, now: datetime) -> Confirmation:
    """What a confirmation writes besides the status, for the partner's click and the sweep alike."""
    return {"confirmed_at": now, "confirmed_by": actor}


def _transition(
    *,
    statement_id: int,
    action: str,
    actor: Actor,
    reason: str = "",
    system_label: Promise | str | None = None,
    **fields: object,
) -> Transition:
    source, to, done_statuses = TRANSITIONS[action]
    with transaction.atomic():
        statement = Statement.objects.select_for_update().get(pk=statement_id)
        if statement.status in done_statuses:
            return Transition(statement, changed=False)
        old = statement.status
        if old != source:
            raise Conflict(
                _("Only bills that are %(source)s can be %(verb)s; this bill is %(status)s.")
                % {"source": S(source).label, "verb": ACTION_VERBS[action], "status": S(old).label}
            )
        now = timezone.now()
        statement.status = to
        statement.status_changed_at = now
        for name, value in fields.items():
            setattr(statement, name, value)
        statement.save(update_fields=["status", "status_changed_at", *fields])
        _event(
            statement_id=statement.pk, old=old, new=to, actor=actor, system_label=system_label, reason=reason
        ).save()
        return Transition(statement, changed=True)


def statement_publish(*, statement_id: int, actor: Actor) -> Transition:
    """Estimated -> Pending confirmation: the figures become formal and frozen."""
    return _transition(statement_id=statement_id, action="publish", actor=actor)


def statement_confirm(
    *, statement_id: int, actor: Actor, system_label: Promise | str | None = None
) -> Transition:
    """Pending confirmation -> Issuing, for the whole bill of the period.

    actor=None is the system confirming after the deadline (system_label says why).
    """
    return _transition(
        statement_id=statement_id,
        action="confirm",
        actor=actor,
        system_label=system_label or SYSTEM_DEADLINE,
        **_confirmation(actor=actor, now=timezone.now()),
    )


def statement_approve(*, statement_id: int, actor: Actor) -> Transition:
    """Issuing -> Issued successfully: the operator approves the payout."""
    return _transition(statement_id=statement_id, action="approve", actor=actor)


def statement_return(
    *, statement_id: int, actor: Actor, reason: str, new_deadline: datetime | None
) -> Transition:
    """Issuing -> Pending confirmation, with the operator's reason and a new deadline."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("A reason is required to return a bill to the partner."))
    if new_deadline is None or new_deadline <= timezone.now():
        raise InvalidInput(_("The new confirmation deadline must be in the future."))
    return _transition(
        statement_id=statement_id,
        action="return",
        actor=actor,
        reason=reason,
        confirmation_deadline=new_deadline,
        confirmed_at=None,
        confirmed_by=None,
    )


def statements_confirm_overdue(
    *, now: datetime | None = None, batch_size: int = 1000, max_batches: int | None = None
) -> int:
    """Confirm, as the system, Pending bills whose deadline has passed. Returns how many changed.

    The database is the truth: each run looks for overdue bills, so a lost, repeated or
    killed run changes nothing twice and the next run finishes the rest. Each batch is one
    short transaction that locks up to batch_size overdue bills with SKIP LOCKED: bills a
    concurrent sweep or a partner's click holds are theirs to confirm, and the lock query
    only returns rows still Pending once those commit. The result, and the audit row, are
    the same as statement_confirm(actor=None) for each bill.
    """
    now = now or timezone.now()
    changed = batches = 0
    while max_batches is None or batches < max_batches:
        done = _confirm_overdue_batch(now=now, batch_size=batch_size)
        if not done:
            return changed
        changed += done
        batches += 1
    return changed


def _confirm_overdue_batch(*, now: datetime, batch_size: int) -> int:
    source, to, _done = TRANSITIONS["confirm"]
    with transaction.atomic():
        overdue = (
            Statement.objects.filter(status=source, confirmation_deadline__lt=now)
            .order_by("confirmation_deadline", "pk")
            .select_for_update(skip_locked=True)
        )
        locked = list(overdue.values_list("pk", "status")[:batch_size])
        ids = [pk for pk, status in locked if status == source]
        if not ids:
            return 0
        confirmed_at = timezone.now()
        Statement.objects.filter(pk__in=ids).update(
            status=to, status_changed_at=confirmed_at, **_confirmation(actor=None, now=confirmed_at)
        )
        StatementEvent.objects.bulk_create(
            _event(statement_id=pk, old=source, new=to, actor=None, system_label=SYSTEM_DEADLINE)
            for pk in ids
        )
        return len(ids)
