"""Writing figures: bills, incentives and detail lines of Estimated bills, and their totals.

Published figures are frozen: lines are only added to Estimated bills, and the amounts,
totals and counts are recalculated here in the same transaction as the lines.
"""

from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, DecimalField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from customers.models import Partner
from partner_center.errors import Conflict

from ..models import DetailLine, Incentive, IncentiveProgram, ReconciliationPeriod, Statement, StatementStatus
from ..money import line_amount
from .line_totals import line_totals_rebuild


def statement_get_or_create(
    *, partner: Partner, period: ReconciliationPeriod, currency: str = "CNY"
) -> Statement:
    statement, _created = Statement.objects.get_or_create(
        partner=partner,
        period=period,
        defaults={"currency": currency, "confirmation_deadline": period.confirmation_deadline},
    )
    return statement


def incentive_get_or_create(*, statement: Statement, program: IncentiveProgram) -> Incentive:
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


def _batches(items: Iterable[DetailLine], size: int) -> Iterator[list[DetailLine]]:
    batch: list[DetailLine] = []
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
    if statement.status != StatementStatus.ESTIMATED:
        raise Conflict(
            _("Bill %(bill)s is %(status)s; only Estimated bills take new lines.")
            % {"bill": statement, "status": statement.get_status_display()}
        )


def statements_recalculate(*, statement_ids: Iterable[int]) -> None:
    """Incentive amount = sum of its lines; bill total and count = sum and count of its incentives."""
    statement_ids = list(statement_ids)
    money: DecimalField[Decimal, Decimal] = DecimalField(max_digits=18, decimal_places=2)
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
