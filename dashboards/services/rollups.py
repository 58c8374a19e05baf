"""Keeps IncentiveRollup exact: LineTotal summed over customer, incentive and feedback status.

Called by incentives/services/line_totals.py inside the transaction that rebuilds a bill's
LineTotal rows (the caller holds the bills' row locks). A feedback status change moves a line
between LineTotal rows that fall into the same rollup row, so it needs no call.
"""

from collections.abc import Iterable

from django.db.models import F, Sum

from incentives.models import LineTotal

from ..models import IncentiveRollup

KEY = ("partner_id", "period_id", "statement_id", "program_id", "product_type", "account_manager")


def incentive_rollup_rebuild(*, statement_ids: Iterable[int]) -> int:
    """Recompute the rollup rows of these bills from their LineTotal rows. Returns the rows written."""
    statement_ids = list(statement_ids)
    IncentiveRollup.objects.filter(statement_id__in=statement_ids).delete()
    groups = (
        LineTotal.objects.filter(statement_id__in=statement_ids)
        .order_by()
        .values(*KEY, association=F("program__association_type"))
        .annotate(lines=Sum("line_count"), total=Sum("amount"))
    )
    rows = [
        IncentiveRollup(
            association_type=group["association"],
            line_count=group["lines"],
            amount=group["total"],
            **{name: group[name] for name in KEY},
        )
        for group in groups.iterator(chunk_size=5000)
    ]
    IncentiveRollup.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def incentive_rollup_rebuild_all() -> int:
    """Every bill's rollup (the migration that adds the table, and `manage.py rebuild_rollups`)."""
    ids = list(LineTotal.objects.order_by().values_list("statement_id", flat=True).distinct())
    written = 0
    for start in range(0, len(ids), 500):
        written += incentive_rollup_rebuild(statement_ids=ids[start : start + 500])
    return written
