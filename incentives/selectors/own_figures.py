"""The bill and incentive amounts a user is shown: the partner's, or a sales user's own.

A sales user (narrowed by `account_manager_scoped`) must not see figures that include other
account managers' customers. Their amounts are the sums of their own lines, read from the
small LineTotal table, whose rows are each one account manager's (the name is part of their
key): an exact sum per bill or per incentive, in one query per page. Everyone else sees the
bills' and incentives' own amounts, read as before.
"""

from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from customers.selectors import PortalUser, account_manager_scoped, managed_names, partner_scoped

from ..models import Incentive, LineTotal, Statement

AMOUNT: DecimalField = DecimalField(max_digits=18, decimal_places=2)
ZERO = Value(Decimal("0.00"), output_field=AMOUNT)


def own_line_totals(user: PortalUser) -> QuerySet[LineTotal] | None:
    """The user's own LineTotal rows when their figures are narrowed to their customers, else None."""
    if managed_names(user) is None:
        return None
    return account_manager_scoped(partner_scoped(LineTotal.objects.all(), user), user)


def figures_are_own(user: PortalUser) -> bool:
    """Whether the amounts the user is shown are those of their own customers only (the pages say so)."""
    return managed_names(user) is not None


def own_sum(own: QuerySet[LineTotal], key: str) -> Subquery:
    """The sum of the user's own LineTotal amounts whose `key` is the outer row's pk."""
    sums = (
        own.filter(**{key: OuterRef("pk")}).order_by().values(key).annotate(sum=Sum("amount")).values("sum")
    )
    return Subquery(sums, output_field=AMOUNT)


def with_shown_total(statements: QuerySet[Statement], user: PortalUser) -> QuerySet[Statement]:
    """`statements` with `shown_total`: the bill's total, or the sum of the user's own lines."""
    own = own_line_totals(user)
    if own is None:
        return statements.annotate(shown_total=F("total"))
    return statements.annotate(shown_total=Coalesce(own_sum(own, "statement"), ZERO, output_field=AMOUNT))


def with_shown_amount(incentives: QuerySet[Incentive], user: PortalUser) -> QuerySet[Incentive]:
    """`incentives` with `shown_amount`: the incentive's amount, or the sum of the user's own lines."""
    own = own_line_totals(user)
    if own is None:
        return incentives.annotate(shown_amount=F("amount"))
    return incentives.annotate(shown_amount=Coalesce(own_sum(own, "incentive"), ZERO, output_field=AMOUNT))
