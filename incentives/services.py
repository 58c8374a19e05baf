"""Every write to bills, incentives and detail lines goes through these functions.

A status change locks the bill row, checks the one transition table, saves with
update_fields and writes an append-only StatementEvent in the same transaction. Repeating
a transition that already happened is a no-op success (Transition.changed is False).
`actor=None` means the system (e.g. the deadline sweep).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .line_totals import line_totals_rebuild
from .models import DetailLine, Incentive, Statement, StatementEvent, StatementStatus
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


def _transition(*, statement_id, action, actor, reason="", system_label=None, **fields):
    source, to, done_statuses = TRANSITIONS[action]
    with transaction.atomic():
        statement = Statement.objects.select_for_update().get(pk=statement_id)
        if statement.status in done_statuses:
            return Transition(statement, changed=False)
        old = statement.status
        if old != source:
            raise TransitionError(
                _("A bill that is %(old)s cannot become %(new)s.") % {"old": S(old).label, "new": S(to).label}
            )
        now = timezone.now()
        statement.status = to
        statement.status_changed_at = now
        for name, value in fields.items():
            setattr(statement, name, value)
        statement.save(update_fields=["status", "status_changed_at", *fields])
        StatementEvent.objects.create(
            statement=statement,
            old_status=old,
            new_status=to,
            actor=actor,
            actor_label=_actor_label(actor, system_label),
            reason=reason,
        )
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
        confirmed_at=timezone.now(),
        confirmed_by=actor,
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
    incentive, _created = Incentive.objects.get_or_create(
        statement=statement, program=program, defaults={"incentive_id": incentive_id}
    )
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
    """Incentive amount = sum of its lines; bill total = sum of its incentives (in SQL)."""
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
    incentive_sums = (
        Incentive.objects.filter(statement=OuterRef("pk"))
        .order_by()
        .values("statement")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    Statement.objects.filter(pk__in=statement_ids).update(
        total=Coalesce(Subquery(incentive_sums, output_field=money), zero)
    )


def statements_confirm_overdue(*, now=None, limit: int = 1000) -> int:
    """Confirm, as the system, Pending bills whose deadline has passed. Returns how many changed.

    The database is the truth: each run looks for overdue bills, and each goes through
    statement_confirm (row lock + status re-check), so overlapping runs or a partner's
    click at the same moment still give exactly one transition per bill.
    """
    now = now or timezone.now()
    overdue = Statement.objects.filter(status=S.PENDING, confirmation_deadline__lt=now)
    changed = 0
    for statement_id in overdue.order_by("confirmation_deadline").values_list("pk", flat=True)[:limit]:
        if statement_confirm(statement_id=statement_id, actor=None, system_label=SYSTEM_DEADLINE).changed:
            changed += 1
    return changed
