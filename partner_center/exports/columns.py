"""What an export file holds, declared once per kind as a list of columns.

The writers read everything from the column list (header, cell type, number format, status
labels, totals), so a column is added or moved in one place and the header, the cells and the
totals follow together; nothing indexes a row by a number written by hand.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

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
    width: float | None = None  # characters; xlsx column width

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

    def total_title(self) -> str:
        if self.total_label is not None:
            return str(self.total_label)
        return str(format_lazy(_("Total {column}"), column=self.header))

    def labels(self) -> dict[str, str]:
        """The choices translated now (the active language of this export)."""
        return {value: str(label) for value, label in (self.choices or {}).items()}


class Columns:
    """An ordered, immutable column list with the look-ups the writers need."""

    __slots__ = ("columns", "_by_field")

    def __init__(self, columns: Iterable[Column]) -> None:
        self.columns = tuple(columns)
        self._by_field = {column.field: index for index, column in enumerate(self.columns)}
        if not self.columns or len(self._by_field) != len(self.columns):
            raise ValueError("A column list needs at least one column and distinct fields.")
        if self.columns[0].total:
            raise ValueError("The first column holds the totals' label, so it cannot have a total.")

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

    def totals_by_field(self, sums: Sequence[Decimal]) -> dict[str, Decimal]:
        """Sums in total_indexes() order, keyed by their columns' fields."""
        fields = [self.columns[index].field for index in self.total_indexes()]
        return dict(zip(fields, sums, strict=True))

    def plus(self, *extra: Column) -> Columns:
        """A new list with more columns at the end (the list itself never changes)."""
        return Columns((*self.columns, *extra))

    def totals_label(self) -> str:
        """The label in front of a file's total row: the total's own name when there is one."""
        totals = self.total_indexes()
        return self.columns[totals[0]].total_title() if len(totals) == 1 else str(_("Totals"))


@dataclass
class BuildResult:
    """What a writer wrote: the line count and one total per total column (by field)."""

    rows: int
    totals: dict[str, Decimal]
    sheets: int = 1

    def total(self, field_name: str) -> Decimal:
        return self.totals[field_name]
