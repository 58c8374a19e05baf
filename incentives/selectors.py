"""Partner-scoped reads of bills, incentives and lines.

Every partner-facing page, API view and export starts from one of these; an object outside
the result is "not found" (404), never "forbidden", so nobody learns that it exists.
"""

from customers.selectors import partner_of

from .models import DetailLine, Incentive, LineTotal, Statement, StatementStatus


def statements_for(user):
    partner = partner_of(user)
    if partner is None:
        return Statement.objects.none()
    return Statement.objects.filter(partner=partner)


def incentives_for(user):
    partner = partner_of(user)
    if partner is None:
        return Incentive.objects.none()
    return Incentive.objects.filter(statement__partner=partner)


def detail_lines_for(user):
    partner = partner_of(user)
    if partner is None:
        return DetailLine.objects.none()
    return DetailLine.objects.filter(partner=partner)


def line_totals_for(user):
    """The Details totals (LineTotal) of the user's partner: the same scope as its lines."""
    partner = partner_of(user)
    if partner is None:
        return LineTotal.objects.none()
    return LineTotal.objects.filter(partner=partner)


def details_bills_for(user):
    """The partner's bills, newest period first: the periods the Details page offers."""
    return statements_for(user).select_related("period").order_by("-period__code")


def default_bill(bills):
    """Of bills newest first: the latest formal one (anything past Estimated), else the latest."""
    formal = (bill for bill in bills if bill.status != StatementStatus.ESTIMATED)
    return next(formal, None) or next(iter(bills), None)


def details_default_period(user):
    bill = default_bill(list(details_bills_for(user)))
    return bill.period if bill else None
