"""Every write to bills, incentives and detail lines goes through these functions.

A status change locks the bill row, checks the one transition table, saves with
update_fields and writes an append-only StatementEvent in the same transaction. Repeating
a transition that already happened is a no-op success (Transition.changed is False).
`actor=None` means the system (e.g. the deadline sweep).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, DecimalField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .line_totals import line_totals_rebuild
from .models import (
    DetailLine,
    Incentive,
    Statement,
    StatementEvent,
    StatementStatus,
)
from .money import line_amount

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


class IncentiveError(Exception):
    """A business rule refused the request; the message is safe to show to the user."""


class TransitionError(IncentiveError):
    pass


@dataclass(frozen=True)
class Transition:
    statement: Statement
    changed: bool


def _actor_label(actor, system_label):
    if actor is None:
        return str(system_label or _("System"))
    return actor.get_username()


def _event(*, statement_id, old, new, actor, system_label=None, reason="") -> StatementEvent:
    return StatementEvent(
        statement_id=statement_id,
        old_status=old,
        new_status=new,
        actor=actor,
        actor_label=_actor_label(actor, system_label),
        reason=reason,
    )


def _confirmation(*, actor, now) -> dict:
    """What a confirmation writes besides the status, for the partner's click and the sweep alike."""
    return {"confirmed_at": now, "confirmed_by": actor}


def _transition(*, statement_id, action, actor, reason="", system_label=None, **fields):
    source, to, done_statuses = TRANSITIONS[action]
    with transaction.atomic():
        statement = Statement.objects.select_for_update().get(pk=statement_id)
        if statement.status in done_statuses:
            return Transition(statement, changed=False)
        old = statement.status
        if old != source:
            raise TransitionError(
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


def statement_publish(*, statement_id: int, actor) -> Transition:
    """Estimated -> Pending confirmation: the figures become formal and frozen."""
    return _transition(statement_id=statement_id, action="publish", actor=actor)


def statement_confirm(*, statement_id: int, actor, system_label=None) -> Transition:
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


def statement_approve(*, statement_id: int, actor) -> Transition:
    """Issuing -> Issued successfully: the operator approves the payout."""
    return _transition(statement_id=statement_id, action="approve", actor=actor)


def statement_return(*, statement_id: int, actor, reason: str, new_deadline) -> Transition:
    """Issuing -> Pending confirmation, with the operator's reason and a new deadline."""
    reason = (reason or "").strip()
    if not reason:
        raise TransitionError(_("A reason is required to return a bill to the partner."))
    if new_deadline is None or new_deadline <= timezone.now():
        raise TransitionError(_("The new confirmation deadline must be in the future."))
    return _transition(
        statement_id=statement_id,
        action="return",
        actor=actor,
        reason=reason,
        confirmation_deadline=new_deadline,
        confirmed_at=None,
        confirmed_by=None,
    )


# --- Writing figures ------------------------------------------------------------------------


def statement_get_or_create(*, partner, period, currency="CNY") -> Statement:
    statement, _created = Statement.objects.get_or_create(
        partner=partner,
        period=period,
        defaults={"currency": currency, "confirmation_deadline": period.confirmation_deadline},
    )
    return statement


def incentive_get_or_create(*, statement: Statement, program) -> Incentive:
    incentive_id = f"INC-{statement.period.code.replace('-', '')}-{statement.partner.code}-{program.code}"
    with transaction.atomic():
        incentive, created = Incentive.objects.get_or_create(
            statement=statement, program=program, defaults={"incentive_id": incentive_id}
        )
        if created:
            Statement.objects.filter(pk=statement.pk).update(incentive_count=F("incentive_count") + 1)
    return incentive


def detail_lines_add(*, lines: Iterable[DetailLine], batch_size: int = 5000) -> int:
    """Insert unsaved lines of Estimated bills, computing each amount by the rounding rule.

    Each line needs incentive (with its statement loaded), order_id, customer, product_type,
    revenue and rate; partner, period, program, tier-2 reseller and account manager are
    copied from the incentive and the customer. `lines` may be a generator: it is consumed
    in batches inside one transaction, so a million lines stay bounded in memory and land
    all or nothing. Lines of bills past Estimated are refused: published figures are frozen.
    Incentive amounts, bill totals and the Details totals (LineTotal) are recalculated once
    at the end.
    """
    checked: set[int] = set()
    inserted = 0
    with transaction.atomic():
        for batch in _batches(lines, batch_size):
            for line in batch:
                _complete_line(line)
                if line.incentive.statement_id not in checked:
                    _lock_estimated(line.incentive.statement_id)
                    checked.add(line.incentive.statement_id)
            DetailLine.objects.bulk_create(batch)
            inserted += len(batch)
        statements_recalculate(statement_ids=checked)
        line_totals_rebuild(statement_ids=checked)
    return inserted


def _batches(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _complete_line(line: DetailLine) -> None:
    incentive = line.incentive
    line.partner_id = incentive.statement.partner_id
    line.period_id = incentive.statement.period_id
    line.program_id = incentive.program_id
    line.tier2_reseller_id = line.customer.tier2_reseller_id
    line.account_manager = line.customer.account_manager
    line.amount = line_amount(line.revenue, line.rate)


def _lock_estimated(statement_id: int) -> None:
    # Locked until the end of the import, so a concurrent publish waits for it.
    statement = Statement.objects.select_for_update().select_related("period", "partner").get(pk=statement_id)
    if statement.status != S.ESTIMATED:
        raise IncentiveError(
            _("Bill %(bill)s is %(status)s; only Estimated bills take new lines.")
            % {"bill": statement, "status": statement.get_status_display()}
        )


def statements_recalculate(*, statement_ids: Iterable[int]) -> None:
    """Incentive amount = sum of its lines; bill total and count = sum and count of its incentives."""
    statement_ids = list(statement_ids)
    money = DecimalField(max_digits=18, decimal_places=2)
    zero = Value(0, output_field=money)
    line_sums = (
        DetailLine.objects.filter(incentive=OuterRef("pk"))
        .order_by()
        .values("incentive")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    Incentive.objects.filter(statement_id__in=statement_ids).update(
        amount=Coalesce(Subquery(line_sums, output_field=money), zero)
    )
    per_bill = Incentive.objects.filter(statement=OuterRef("pk")).order_by().values("statement")
    incentive_sums = per_bill.annotate(s=Sum("amount")).values("s")
    incentive_counts = per_bill.annotate(n=Count("pk")).values("n")
    Statement.objects.filter(pk__in=statement_ids).update(
        total=Coalesce(Subquery(incentive_sums, output_field=money), zero),
        incentive_count=Coalesce(Subquery(incentive_counts), 0),
    )


def statements_confirm_overdue(*, now=None, batch_size: int = 1000, max_batches: int | None = None) -> int:
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


def _confirm_overdue_batch(*, now, batch_size) -> int:
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
