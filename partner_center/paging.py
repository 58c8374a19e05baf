"""Keyset paging on the primary key: every page costs the same, however deep.

A page is "the `size` rows after id X" (or before it, or the last ones), read from an
index that ends in id, e.g. DetailLine's (partner, period, id); OFFSET would read and throw
away every row before the page. Links carry the boundary id: `after`, `before` or `last`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

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


def keyset_page(queryset, cursor: Cursor, size: int, row: Callable[[Any], Any] | None = None) -> KeysetPage:
    """The page of `queryset` (ordered by pk) at `cursor`. An empty page past either end of
    the rows raises PageError; an empty first or last page is just an empty result.
    `row`, if given, turns each fetched row (e.g. a values_list tuple) into one with a `pk`."""
    if cursor.after is not None:
        rows = list(queryset.filter(pk__gt=cursor.after).order_by("pk")[: size + 1])
        has_next, has_previous = len(rows) > size, True
        rows = rows[:size]
    elif cursor.before is not None or cursor.last:
        backwards = queryset if cursor.last else queryset.filter(pk__lt=cursor.before)
        rows = list(backwards.order_by("-pk")[: size + 1])
        has_next, has_previous = not cursor.last, len(rows) > size
        rows = rows[:size][::-1]
    else:
        rows = list(queryset.order_by("pk")[: size + 1])
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
