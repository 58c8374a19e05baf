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

from partner_center.paging import KeysetPage
from partner_center.params import whole_number
from partner_center.tables import PAGING_PARAMS, TableView, page_size_form, sort_header, without

from ..tables import DETAILS_TABLE

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
                box = f'<input type="checkbox" data-select-page aria-label="{label}">'
                out.append(f'<th class="{classes}">{box}</th>')
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
    number = whole_number(raw, minimum=2, maximum=pages - 1)
    if number is not None:
        return PageNumber(number, pages)
    return PageNumber(None, pages)


def pager(page: KeysetPage, query: QueryDict, where: PageNumber, size: int) -> SafeString:
    """First / Previous / "Page X of Y" / Next / Last, and Rows per page."""
    base = without(query, *PAGING_PARAMS).urlencode()
    start = f"?{escape(base)}&amp;" if base else "?"
    number = where.number
    t_first, t_previous = escape(_("First")), escape(_("Previous"))
    t_next, t_last = escape(_("Next")), escape(_("Last"))
    links = []
    if page.has_previous:
        previous = f"&amp;n={number - 1}" if number else ""
        links.append(f'<a href="?{escape(base)}">{t_first}</a>')
        links.append(
            f'<a href="{start}before={page.previous_cursor.before}{previous}" rel="prev">{t_previous}</a>'
        )
    if number is not None:
        shown = _("Page %(number)s of %(pages)s") % {"number": f"{number:,}", "pages": f"{where.pages:,}"}
    else:
        shown = _("%(pages)s pages") % {"pages": f"{where.pages:,}"}
    links.append(f'<span class="page-of" data-testid="page-of">{escape(shown)}</span>')
    if page.has_next:
        following = f"&amp;n={number + 1}" if number else ""
        links.append(f'<a href="{start}after={page.next_cursor.after}{following}" rel="next">{t_next}</a>')
        links.append(f'<a href="{start}last=1">{t_last}</a>')
    size_form = page_size_form(query, DETAILS_TABLE, size)
    label = escape(_("Pages"))
    return mark_safe(  # noqa: S308 - escaped above
        f'<nav class="pager" aria-label="{label}" data-testid="details-pager">'
        f"{''.join(links)}{size_form}</nav>"
    )
