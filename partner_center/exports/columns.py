"""What an export file holds, declared once per kind as a list of columns.

The writers read everything from the column list (header, cell type, number format, status
labels, totals), so a column is added or moved in one place and the header, the cells and the
totals follow together; nothing indexes a row by a number written by hand.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from partner_center.formatting import time_zone_name


class CellKind(enum.Enum):
    TEXT = "text"
    MONEY = "money"  # a Decimal with two places, written as a number
    RATE = "rate"  # a Decimal fraction (0.0725), shown as a percentage
    DATE = "date"  # an aware datetime, written in the portal's time zone
    STATUS = "status"  # a stored choice value, written as its translated label


TEXT, MONEY, RATE, DATE, STATUS = CellKind.TEXT, CellKind.MONEY, CellKind.RATE, CellKind.DATE, CellKind.STATUS
NUMBER_KINDS = frozenset({MONEY, RATE})
# xlsx column widths (characters) of a column that names none; set once per sheet, never
# measured from the rows (that would cost a pass over every value).
KIND_WIDTHS = {TEXT: 16.0, MONEY: 14.0, RATE: 9.0, DATE: 20.0, STATUS: 20.0}


@dataclass(frozen=True)
class Column:
    """One column: where its value comes from (a values_list lookup) and how it is written."""

    field: str
    header: str | Promise
    kind: CellKind = TEXT
    # STATUS: stored value -> label; a value without a label is written as it is, and an
    # empty value is an empty cell.
    choices: Mapping[str, str | Promise] | None = None
    total: bool = False  # MONEY only: summed into the file's totals
    total_label: str | Promise | None = None
    width: float | None = None  # characters; xlsx column width (None: its kind's, KIND_WIDTHS)

    def __post_init__(self) -> None:
        if self.kind is STATUS and not self.choices:
            raise ValueError(f"Column {self.field!r}: a STATUS column needs its choices.")
        if self.total and self.kind is not MONEY:
            raise ValueError(f"Column {self.field!r}: only MONEY columns have a total.")

    def title(self) -> str:
        """The header as written; a date says its zone, since the file does not carry one."""
        if self.kind is DATE:
            return f"{self.header} ({time_zone_name()})"
        return str(self.header)

    def column_width(self) -> float:
        return self.width if self.width is not None else KIND_WIDTHS[self.kind]

    def total_title(self) -> str:
        if self.total_label is not None:
            return str(self.total_label)
        return str(format_lazy(_("Total {column}"), column=self.header))

    def labels(self) -> dict[str, str]:
        """The choices translated now (the active language of this export)."""
        return {value: str(label) for value, label in (self.choices or {}).items()}


class Columns:
    """An ordered, immutable column list with the look-ups the writers need."""

    __slots__ = ("columns", "totals_by", "_by_field")

    def __init__(self, columns: Iterable[Column], *, totals_by: str | None = None) -> None:
        """totals_by: a column whose values keep the totals apart (the currency: amounts in
        different currencies are never added up); each value gets its own count and totals."""
        self.columns = tuple(columns)
        self.totals_by = totals_by
        self._by_field = {column.field: index for index, column in enumerate(self.columns)}
        if not self.columns or len(self._by_field) != len(self.columns):
            raise ValueError("A column list needs at least one column and distinct fields.")
        if self.columns[0].total:
            raise ValueError("The first column holds the totals' label, so it cannot have a total.")
        if totals_by is not None and (totals_by not in self._by_field or self[self.index(totals_by)].total):
            raise ValueError(f"totals_by {totals_by!r} must be a column of the list without a total.")

    def __repr__(self) -> str:
        return f"Columns({self.fields!r})"

    def __iter__(self) -> Iterator[Column]:
        return iter(self.columns)

    def __len__(self) -> int:
        return len(self.columns)

    def __getitem__(self, index: int) -> Column:
        return self.columns[index]

    @property
    def fields(self) -> list[str]:
        return [column.field for column in self.columns]

    def headers(self) -> list[str]:
        return [column.title() for column in self.columns]

    def index(self, field_name: str) -> int:
        return self._by_field[field_name]

    def indexes(self, *kinds: CellKind) -> list[int]:
        return [index for index, column in enumerate(self.columns) if column.kind in kinds]

    def total_indexes(self) -> list[int]:
        return [index for index, column in enumerate(self.columns) if column.total]

    def plus(self, *extra: Column) -> Columns:
        """A new list with more columns at the end (the list itself never changes)."""
        return Columns((*self.columns, *extra), totals_by=self.totals_by)

    def totals_label(self) -> str:
        """The label in front of a file's total row: the total's own name when there is one."""
        totals = self.total_indexes()
        return self.columns[totals[0]].total_title() if len(totals) == 1 else str(_("Totals"))


@dataclass
class Subtotal:
    """The rows of one value of Columns.totals_by (one currency): their count and totals."""

    rows: int
    totals: dict[str, Decimal]


@dataclass
class BuildResult:
    """What a writer wrote: the line count and one total per total column (by field), and with
    Columns.totals_by the same per value of that column (groups, in the values' order)."""

    rows: int
    totals: dict[str, Decimal]
    sheets: int = 1
    groups: dict[str, Subtotal] = field(default_factory=dict)

    def total(self, field_name: str) -> Decimal:
        return self.totals[field_name]


class Summing:
    """The writers' running totals: add(row) for each row as read, before it is rewritten."""

    __slots__ = ("columns", "_group", "_totals", "_buckets")

    def __init__(self, columns: Columns) -> None:
        self.columns = columns
        self._group = columns.index(columns.totals_by) if columns.totals_by is not None else None
        self._totals = list(enumerate(columns.total_indexes(), 1))
        self._buckets: dict[Any, list] = {}

    def add(self, values: Sequence) -> None:
        key = None if self._group is None else values[self._group]
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = [0, *[Decimal("0")] * len(self._totals)]
        bucket[0] += 1
        for position, index in self._totals:
            value = values[index]
            if value is not None:
                bucket[position] += value

    def result(self, *, sheets: int = 1) -> BuildResult:
        return grouped_result(self.columns, [(key, *bucket) for key, bucket in self._buckets.items()], sheets)


def grouped_result(columns: Columns, groups: Iterable[Sequence], sheets: int = 1) -> BuildResult:
    """A result from (group value, count, total...) rows; without totals_by, one row, value None."""
    groups = sorted(groups, key=lambda group: "" if group[0] is None else str(group[0]))
    fields = [columns[index].field for index in columns.total_indexes()]
    totals = {
        name: sum((group[n] or Decimal("0") for group in groups), Decimal("0"))
        for n, name in enumerate(fields, 2)
    }
    by_value = {}
    if columns.totals_by is not None:
        by_value = {
            "" if group[0] is None else str(group[0]): Subtotal(
                rows=group[1], totals={name: group[n] or Decimal("0") for n, name in enumerate(fields, 2)}
            )
            for group in groups
        }
    return BuildResult(rows=sum(group[1] for group in groups), totals=totals, sheets=sheets, groups=by_value)
