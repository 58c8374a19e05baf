"""What the partner tables share: rows per page, sortable columns and the column chooser.

A table (Summary, Details, Export History) declares its columns once, as a TableSpec:

- **Rows per page** (`page_size` in the URL, one of the spec's sizes). Any other value is a
  400 with a message saying which sizes there are, like a malformed page link.
- **Sort** (`ordering` in the URL, DRF's name): only the orderings the spec lists, each one an
  index serves (so a sorted page costs what an unsorted one does); "" is the default order.
- **Column chooser**: optional columns a person may hide, chosen in a Bootstrap dropdown
  (static/js/tables.js) and kept in a cookie per table and browser (`pc_cols_<table>`), so a
  phone and a wide screen keep their own choices. Until a person chooses, each column's
  `priority` classes (Bootstrap's `d-none d-lg-table-cell`, ...) hide the less important ones
  on narrow screens. The server reads the cookie and writes the table's classes, so a page
  opens with the chosen columns, without a flash.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from html import escape
from typing import Any

from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .paging import PageError
from .params import whole_number

COOKIE_PREFIX = "pc_cols_"
CHOSEN = "h"  # a cookie value starts with it: "h" (nothing hidden) or "h.name.amount"
MAX_COOKIE = 300


@dataclass(frozen=True)
class Column:
    key: str  # the cell class is c-<key>; letters and digits only
    label: str | Promise
    optional: bool = True  # may be hidden with the column chooser
    priority: str = ""  # Bootstrap display classes that hide it on narrow screens by default


@dataclass(frozen=True)
class TableSpec:
    name: str  # the cookie's suffix and the table's data-table
    columns: tuple[Column, ...]
    page_sizes: tuple[int, ...] = (20, 50, 100)
    orderings: tuple[str, ...] = ("",)
    keys: frozenset[str] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "keys", frozenset(c.key for c in self.columns if c.optional))

    @property
    def default_size(self) -> int:
        return self.page_sizes[0]


def page_size_from(params: Mapping[str, Any], spec: TableSpec) -> int:
    """Rows per page asked for (`page_size`), the spec's first size when none; else PageError."""
    raw = params.get("page_size")
    if raw in (None, ""):
        return spec.default_size
    size = whole_number(raw)
    if size not in spec.page_sizes:
        sizes = ", ".join(str(size) for size in spec.page_sizes)
        raise PageError(_("Rows per page must be one of %(sizes)s.") % {"sizes": sizes})
    return size


def ordering_from(params: Mapping[str, Any], spec: TableSpec) -> str:
    """The sort asked for (`ordering`), "" for the default; one the spec does not list: PageError."""
    raw = params.get("ordering") or ""
    if raw not in spec.orderings:
        raise PageError(_("These rows cannot be sorted by “%(ordering)s”.") % {"ordering": str(raw)[:40]})
    return raw


def hidden_columns(cookies: Mapping[str, str], spec: TableSpec) -> frozenset[str] | None:
    """The optional columns the person hid (keys of the spec), or None when they chose nothing."""
    raw = cookies.get(COOKIE_PREFIX + spec.name, "")
    if not raw or len(raw) > MAX_COOKIE or raw.split(".")[0] != CHOSEN:
        return None
    return frozenset(raw.split(".")[1:]) & spec.keys


@dataclass(frozen=True)
class TableView:
    """How one request shows a table: its classes, each column's cell classes, the chooser."""

    spec: TableSpec
    hidden: frozenset[str] | None

    @property
    def table_classes(self) -> str:
        if self.hidden is None:
            return ""
        return " ".join(["cols-chosen", *sorted(f"hide-{key}" for key in self.hidden)])

    @cached_property
    def cells(self) -> dict[str, str]:
        """The classes of every cell of each column: c-<key> and its default priority."""
        return {c.key: f"c-{c.key} {c.priority}".strip() for c in self.spec.columns}

    @property
    def column_count(self) -> int:
        return len(self.spec.columns)

    def chooser(self) -> SafeString:
        """The column chooser: a Bootstrap dropdown of checkboxes (static/js/tables.js)."""
        t_columns, t_default = escape(_("Columns")), escape(_("Default columns"))
        items = []
        for column in self.spec.columns:
            if not column.optional:
                continue
            shown = "" if self.hidden is None or column.key in self.hidden else " checked"
            items.append(
                f'<li><label class="dropdown-item form-check">'
                f'<input class="form-check-input" type="checkbox" '
                f'data-column="{column.key}"{shown}> {escape(str(column.label))}</label></li>'
            )
        return mark_safe(  # noqa: S308 - labels escaped above, keys are the spec's own
            f'<div class="dropdown column-chooser" data-column-chooser="{self.spec.name}" '
            f'data-testid="column-chooser">'
            f'<button type="button" class="btn btn-sm btn-outline-secondary dropdown-toggle" '
            f'data-bs-toggle="dropdown" data-bs-auto-close="outside" aria-expanded="false">'
            f"{t_columns}</button>"
            # the items wait in a <template> until the menu first opens (tables.js): their labels
            # repeat the filters' ("Customer name"), and only one of each is on the page
            f'<ul class="dropdown-menu dropdown-menu-end" data-column-menu></ul><template>{"".join(items)}'
            f'<li><hr class="dropdown-divider"></li><li><button type="button" class="dropdown-item" '
            f"data-columns-default>{t_default}</button></li></template></div>"
        )


def table_view(cookies: Mapping[str, str], spec: TableSpec) -> TableView:
    return TableView(spec=spec, hidden=hidden_columns(cookies, spec))


# --- the pager's parts, written in Python (a partner page renders them on every request) ------

PAGING_PARAMS = ("page", "after", "before", "last", "n")


def without(query: QueryDict, *names: str) -> QueryDict:
    """A copy of `query` without the parameters `names`."""
    kept = query.copy()
    for name in names:
        kept.pop(name, None)
    return kept


def page_size_form(query: QueryDict, spec: TableSpec, size: int, *, attrs: str = "") -> SafeString:
    """ "Rows per page": a GET form keeping the page's other parameters (not its place: a new size
    starts at the first page). tables.js submits it on change; without JavaScript, Show does."""
    hidden = "".join(
        f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">'
        for name, values in without(query, "page_size", "ordering", *PAGING_PARAMS).lists()
        for value in values
    )
    ordering = query.get("ordering", "")
    if ordering:
        hidden += f'<input type="hidden" name="ordering" value="{escape(ordering)}">'
    options = "".join(
        f'<option value="{choice}"{" selected" if choice == size else ""}>{choice}</option>'
        for choice in spec.page_sizes
    )
    label, t_show = escape(_("Rows per page")), escape(_("Show"))
    return mark_safe(  # noqa: S308 - every value escaped above
        f'<form method="get" class="page-size" data-page-size data-testid="page-size"{attrs}>{hidden}'
        f'<label for="page-size-{spec.name}">{label}</label>'
        f'<select id="page-size-{spec.name}" name="page_size">{options}</select>'
        f'<button type="submit" class="btn btn-sm btn-outline-secondary" data-page-size-submit>'
        f"{t_show}</button></form>"
    )


@dataclass(frozen=True)
class SortHeader:
    """A sortable column's header: a link to the other order, and aria-sort for its <th>."""

    html: SafeString
    aria: str  # "ascending", "descending" or "none"


def sort_header(
    query: QueryDict,
    label: str | Promise,
    *,
    field_name: str,
    current: str,
    first: str = "-",
    attrs: str = "",
) -> SortHeader:
    """The header of a column sortable by `field_name`: a click sorts by it (`first`: "-" starts
    descending, "" ascending), the next click the other way. The link keeps the filters and the
    page size, and starts at the first page."""
    if current == field_name:
        aria, target, arrow = "ascending", f"-{field_name}", "▲"
    elif current == f"-{field_name}":
        aria, target, arrow = "descending", field_name, "▼"
    else:
        aria, target, arrow = "none", f"{first}{field_name}", "↕"
    kept = without(query, "ordering", *PAGING_PARAMS)
    kept["ordering"] = target
    href = escape(f"?{kept.urlencode()}")
    extra = attrs.replace("{href}", href)
    return SortHeader(
        html=mark_safe(  # noqa: S308 - escaped above
            f'<a class="sort" href="{href}"{extra} data-testid="sort-{escape(field_name)}">'
            f"{escape(str(label))} "
            f'<span class="sort-arrow" aria-hidden="true">{arrow}</span></a>'
        ),
        aria=aria,
    )
