"""Keeps LineTotal exact: the per-attribute counts and amounts behind the Details totals.

Two writers, both called by the services inside their transaction:
- line_totals_rebuild: after lines are imported into bills (detail_lines_add);
- line_totals_move: when a line's feedback status changes (incentives/services/feedback.py).
Callers hold the bill's row lock, so no two writers touch one bill's totals at once.
"""

from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, F, Sum

from ..models import DetailLine, LineTotal
from ..selectors.details import facets_cache_key

# The attributes a Details filter can select on, shared by DetailLine and LineTotal.
KEY = (
    "partner_id",
    "period_id",
    "incentive_id",
    "program_id",
    "customer_id",
    "product_type",
    "tier2_reseller_id",
    "account_manager",
    "feedback_status",
)


def line_totals_rebuild(*, statement_ids: Iterable[int]) -> int:
    """Recompute the totals of these bills from their lines. Returns the rows written."""
    statement_ids = list(statement_ids)
    LineTotal.objects.filter(statement_id__in=statement_ids).delete()
    groups = (
        DetailLine.objects.filter(incentive__statement_id__in=statement_ids)
        .order_by()
        .values(*KEY, statement=F("incentive__statement_id"))
        .annotate(lines=Count("id"), total=Sum("amount"))
    )
    rows = [
        LineTotal(
            statement_id=group["statement"],
            line_count=group["lines"],
            amount=group["total"],
            **{name: group[name] for name in KEY},
        )
        for group in groups.iterator(chunk_size=5000)
    ]
    LineTotal.objects.bulk_create(rows, batch_size=2000)
    from dashboards.services.rollups import incentive_rollup_rebuild  # the dashboards' coarser rollup

    incentive_rollup_rebuild(statement_ids=statement_ids)
    # the bills' Details facets (their lines' product types, account managers) are read again
    keys = [facets_cache_key(pk) for pk in statement_ids]
    transaction.on_commit(lambda: cache.delete_many(keys))
    return len(rows)


def line_totals_move(*, line: DetailLine, statement_id: int, old_status: str, new_status: str) -> None:
    """Move one line from the totals of its old feedback status to those of the new one."""
    if old_status == new_status:
        return
    key = {name: getattr(line, name) for name in KEY if name != "feedback_status"}
    old = LineTotal.objects.filter(**key, feedback_status=old_status)
    taken = old.filter(line_count__gte=1).update(
        line_count=F("line_count") - 1, amount=F("amount") - line.amount
    )
    if not taken:
        # The totals disagree with the lines (never expected): rebuild them rather than drift.
        line_totals_rebuild(statement_ids=[statement_id])
        return
    old.filter(line_count=0).delete()
    new = LineTotal.objects.filter(**key, feedback_status=new_status)
    if not new.update(line_count=F("line_count") + 1, amount=F("amount") + line.amount):
        LineTotal.objects.create(
            **key, statement_id=statement_id, feedback_status=new_status, line_count=1, amount=line.amount
        )
