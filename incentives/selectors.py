"""Partner-scoped reads of bills, incentives and lines.

Every partner-facing page, API view and export starts from one of these; an object outside
the result is "not found" (404), never "forbidden", so nobody learns that it exists.
"""

from customers.selectors import partner_of

from .models import DetailLine, Incentive, Statement


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
