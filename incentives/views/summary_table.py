"""The Summary table's sortable period header (the table itself: incentives/tables.py)."""

from django.http import QueryDict
from django.utils.translation import gettext_lazy

from partner_center.tables import SortHeader, sort_header

HTMX = ' hx-get="{href}" hx-target="#summary-results" hx-swap="outerHTML" hx-push-url="true"'


def period_header(query: QueryDict, ordering: str) -> SortHeader:
    """The period column's header: newest first unless `ordering` is "period"."""
    label = gettext_lazy("Reconciliation period")
    return sort_header(query, label, field_name="period", current=ordering or "-period", first="", attrs=HTMX)
