"""Keyset paging on the primary key: every page costs the same, however deep.

A page is "the `size` rows after id X" (or before it, or the last ones), read from an
index that ends in id, e.g. DetailLine's (partner, period, id); OFFSET would read and throw
away every row before the page. Links carry the boundary id: `after`, `before` or `last`.

A page may also be sorted by one column first (`KeysetSort`, e.g. the amount, with an index
ending in (amount, id)): the order is then (column, id), both ascending or both descending,
and the link still carries only the boundary row's id; the query reads that row's column
value in a subquery of the same (partner-scoped) rows, so a link never carries a value a
client could forge, and a row that is not among the rows finds nothing (past the end).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from .errors import InvalidInput, NotFound
from .params import whole_number


class PageError(ValueError):
    """A page link that cannot be served; the message is safe to show."""


@dataclass(frozen=True)
class Cursor:
    after: int | None = None
    before: int | None = None
    last: bool = False


@dataclass(frozen=True)
class KeysetPage:
    rows: list
    cursor: Cursor
    has_next: bool
    has_previous: bool

    @property
    def next_cursor(self):
        return Cursor(after=self.rows[-1].pk) if self.has_next else None

    @property
    def previous_cursor(self):
        return Cursor(before=self.rows[0].pk) if self.has_previous else None


def cursor_from(params) -> Cursor:
    """Read after / before / last from request parameters; malformed values raise PageError."""
    after, before = _id(params, "after"), _id(params, "before")
    last = params.get("last") not in (None, "", "0", "false")
    if sum((after is not None, before is not None, last)) > 1:
        raise PageError(_("A page link can have only one of after, before and last."))
    return Cursor(after=after, before=before, last=last)


def _id(params, name):
    raw = params.get(name)
    if raw in (None, ""):
        return None
    number = whole_number(raw)
    if number is None:
        raise PageError(_("This page link is malformed (%(name)s must be a row number).") % {"name": name})
    return number


@dataclass(frozen=True)
class KeysetSort:
    """The order of keyset pages: `field` (a non-null column) then pk, or pk alone (None)."""

    field: str | None = None
    descending: bool = False

    def order(self, *, forward: bool = True) -> list[str]:
        """order_by() of the pages (forward), or of reading them backwards from the end."""
        sign = "-" if self.descending == forward else ""
        return [f"{sign}{name}" for name in ((self.field,) if self.field else ()) + ("pk",)]

    def beyond(self, queryset, pk: int, *, forward: bool) -> Q:
        """The rows strictly after row `pk` in the page order (forward) or strictly before it."""
        up = forward != self.descending  # does the scan go towards larger values?
        if self.field is None:
            return Q(pk__gt=pk) if up else Q(pk__lt=pk)
        key = Subquery(queryset.filter(pk=pk).order_by().values(self.field)[:1])
        step, bound = ("gt", "gte") if up else ("lt", "lte")
        # `field >= key` is the index range; the OR only sorts out the rows tied with the key
        return Q(**{f"{self.field}__{bound}": key}) & (
            Q(**{f"{self.field}__{step}": key}) | Q(**{f"pk__{step}": pk})
        )


BY_PK = KeysetSort()


def keyset_page(
    queryset,
    cursor: Cursor,
    size: int,
    row: Callable[[Any], Any] | None = None,
    sort: KeysetSort = BY_PK,
) -> KeysetPage:
    """The page of `queryset` (in `sort`'s order, by pk unless told) at `cursor`. An empty
    page past either end of the rows raises PageError; an empty first or last page is just an
    empty result. `row`, if given, turns each fetched row (e.g. a values_list tuple) into one
    with a `pk`."""
    if cursor.after is not None:
        after = queryset.filter(sort.beyond(queryset, cursor.after, forward=True))
        rows = list(after.order_by(*sort.order())[: size + 1])
        has_next, has_previous = len(rows) > size, True
        rows = rows[:size]
    elif cursor.before is not None or cursor.last:
        backwards = queryset
        if cursor.before is not None:
            backwards = queryset.filter(sort.beyond(queryset, cursor.before, forward=False))
        rows = list(backwards.order_by(*sort.order(forward=False))[: size + 1])
        has_next, has_previous = not cursor.last, len(rows) > size
        rows = rows[:size][::-1]
    else:
        rows = list(queryset.order_by(*sort.order())[: size + 1])
        has_next, has_previous = len(rows) > size, False
        rows = rows[:size]
    if row is not None:
        rows = [row(each) for each in rows]
    if not rows and (cursor.after is not None or cursor.before is not None):
        raise PageError(_("There are no more lines here: this page is past the end of the results."))
    return KeysetPage(rows=rows, cursor=cursor, has_next=has_next, has_previous=has_previous)


# --- numbered pages (the Summary): the same answers as keyset pages -----------------------
# A malformed page link is a 400 and a page past the end a 404, with a message, on the pages
# and in the API alike (Details' keyset pages answer the same way, see keyset_page).


def page_number_from(params, name: str = "page") -> int:
    """The page number asked for (1 when none); anything but a whole number from 1 raises PageError."""
    raw = params.get(name)
    if raw in (None, ""):
        return 1
    number = whole_number(raw, minimum=1, maximum=999_999_999)
    if number is None:
        message = _("This page link is malformed (%(name)s must be a whole number from 1).")
        raise PageError(message % {"name": name})
    return number


def past_the_end(number: int, last: int) -> PageError:
    """The error of a page number past the last page."""
    return PageError(
        _("There is no page %(page)s: these results end at page %(last)s.") % {"page": number, "last": last}
    )


def numbered_page(queryset: QuerySet, params, size: int) -> Page:
    """Page `?page=` of an ordered queryset (a short list: one COUNT, then LIMIT/OFFSET); a
    malformed number is InvalidInput (400) and a page past the end NotFound (404)."""
    paginator = Paginator(queryset, size)
    try:
        number = page_number_from(params)
    except PageError as error:
        raise InvalidInput(str(error)) from None
    if number > paginator.num_pages:
        raise NotFound(str(past_the_end(number, paginator.num_pages)))
    return paginator.page(number)
