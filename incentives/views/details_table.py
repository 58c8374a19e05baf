"""The Details table around its rows: columns, sort, rows per page and the pager.

Written in Python like the rows (details_rows.py): the header and the pager are rendered on
every Details request, and a template would spend more on their lookups than the queries cost.

"Page X of Y": Y comes from the count the page shows anyway (LineTotal, exact); keyset pages
do not know their position, so X is carried by the pager's own links (`n`), 1 on the first
page and Y on the last; a page opened from a hand-made link (`after=` alone) shows "Y pages".
`n` only labels the page, it never selects rows.
"""

from dataclasses import dataclass
from html import escape
from math import ceil

from django.http import QueryDict
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partner_center.paging import BY_PK, KeysetPage, KeysetSort
from partner_center.tables import (
    PAGING_PARAMS,
    Column,
    TableSpec,
    TableView,
    page_size_form,
    sort_header,
    without,
)

DETAILS_TABLE = TableSpec(
    name="details",
    columns=(
        Column("select", "", optional=False),
        Column("incentive", gettext_lazy("Incentive ID"), priority="d-none d-md-table-cell"),
        Column("order", gettext_lazy("Order ID"), optional=False),
        Column("customer", gettext_lazy("Customer name")),
        Column("account", gettext_lazy("Customer account"), priority="d-none d-lg-table-cell"),
        Column("product", gettext_lazy("Product type"), priority="d-none d-md-table-cell"),
        Column("reseller", gettext_lazy("Tier-2 reseller"), priority="d-none d-xl-table-cell"),
        Column("manager", gettext_lazy("Account manager"), priority="d-none d-xl-table-cell"),
        Column("revenue", gettext_lazy("Revenue"), priority="d-none d-lg-table-cell"),
        Column("rate", gettext_lazy("Rate"), priority="d-none d-lg-table-cell"),
        Column("amount", gettext_lazy("Amount"), optional=False),
        Column("status", gettext_lazy("Status"), priority="d-none d-md-table-cell"),
        Column("feedback", gettext_lazy("Feedback")),
        Column("ops", gettext_lazy("Operation"), optional=False),
    ),
    page_sizes=(20, 50, 100),
    orderings=("", "-amount", "amount"),
)
SORTS = {
    "": BY_PK,
    "amount": KeysetSort("amount"),
    "-amount": KeysetSort("amount", descending=True),
}
NUMERIC = frozenset({"revenue", "rate", "amount"})


def table_head(view: TableView, query: QueryDict, ordering: str, *, can_export: bool) -> SafeString:
    """The <tr> of the header: the chooser's column classes, Amount sortable."""
    cells = view.cells
    out = []
    for column in view.spec.columns:
        classes = cells[column.key] + (" num" if column.key in NUMERIC else "")
        if column.key == "select":
            if can_export:
                label = escape(_("Select all lines on this page"))
                out.append(f'<th class="{classes}"><input type="checkbox" data-select-page aria-label="{label}"></th>')
            continue
        if column.key == "amount":
            header = sort_header(query, column.label, field_name="amount", current=ordering)
            out.append(f'<th class="{classes}" aria-sort="{header.aria}">{header.html}</th>')
            continue
        out.append(f'<th class="{classes}">{escape(str(column.label))}</th>')
    return mark_safe("<tr>" + "".join(out) + "</tr>")  # noqa: S308 - escaped above


@dataclass(frozen=True)
class PageNumber:
    number: int | None  # None: not known (a hand-made link)
    pages: int


def page_number(page: KeysetPage, raw: str | None, count: int, size: int) -> PageNumber:
    pages = max(1, ceil(count / size))
    if not page.has_previous:
        return PageNumber(1, pages)
    if not page.has_next:
        return PageNumber(pages, pages)
    if raw and raw.isdigit() and 1 < int(raw) < pages:
        return PageNumber(int(raw), pages)
    return PageNumber(None, pages)


def pager(page: KeysetPage, query: QueryDict, where: PageNumber, size: int) -> SafeString:
    """First / Previous / "Page X of Y" / Next / Last, and Rows per page."""
    base = without(query, *PAGING_PARAMS).urlencode()
    start = f"?{escape(base)}&amp;" if base else "?"
    number = where.number
    links = []
    if page.has_previous:
        previous = f"&amp;n={number - 1}" if number else ""
        links.append(f'<a href="?{escape(base)}">{escape(_("First"))}</a>')
        links.append(
            f'<a href="{start}before={page.previous_cursor.before}{previous}" rel="prev">'
            f"{escape(_('Previous'))}</a>"
        )
    if number is not None:
        shown = _("Page %(number)s of %(pages)s") % {"number": f"{number:,}", "pages": f"{where.pages:,}"}
    else:
        shown = _("%(pages)s pages") % {"pages": f"{where.pages:,}"}
    links.append(f'<span class="page-of" data-testid="page-of">{escape(shown)}</span>')
    if page.has_next:
        following = f"&amp;n={number + 1}" if number else ""
        links.append(
            f'<a href="{start}after={page.next_cursor.after}{following}" rel="next">{escape(_("Next"))}</a>'
        )
        links.append(f'<a href="{start}last=1">{escape(_("Last"))}</a>')
    size_form = page_size_form(query, DETAILS_TABLE, size)
    label = escape(_("Pages"))
    return mark_safe(  # noqa: S308 - escaped above
        f'<nav class="pager" aria-label="{label}" data-testid="details-pager">{"".join(links)}{size_form}</nav>'
    )
