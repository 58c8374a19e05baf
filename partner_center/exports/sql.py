"""The text rules of cleaning.py as PostgreSQL expressions, for the CSV's COPY path (postgres.py).

A column is written one of three ways, chosen by a survey of the rows first (postgres.py):
RAW when none of its values needs anything, NULLIF when some are empty (COPY would quote an
empty string, Python's csv writes an empty field), RULES otherwise: each value is tested and,
when needed, cleaned, cut and given its apostrophe. Testing a value costs far more than
writing it (a regular expression per value), so most columns are written RAW.
"""

import enum
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Aggregate, BooleanField, Expression, F, TextField
from django.db.models.expressions import Combinable
from django.utils import timezone

from .cleaning import FORMULA_STARTS, ILLEGAL_CSV_CHARS, LEADING_SPACES, MAX_CELL_CHARS, TRUNCATED, csv_text
from .columns import DATE, STATUS, TEXT, Column


def _regex_chars(chars: Iterable[str]) -> str:
    """Characters as regular-expression escapes; NUL is left out, PostgreSQL text never holds it."""
    return "".join(f"\\u{ord(char):04x}" for char in chars if char != "\0")


# a formula start, after any leading spaces (cleaning.FORMULA)
STARTS = f"[{_regex_chars(LEADING_SPACES)}]*[{_regex_chars(FORMULA_STARTS)}]"
CONTROLS = f"[{_regex_chars(ILLEGAL_CSV_CHARS)}]"
# A value that needs the rules: a formula start or a control character (length is tested apart).
NEEDS_RULES = f"^{STARTS}|{CONTROLS}"
# The same over several values joined by SEPARATOR (a private-use character): one test per row.
SEPARATOR = "\ue000"
ROW_NEEDS_RULES = f"(^|\\ue000){STARTS}|{CONTROLS}"
KEEP_CHARS = MAX_CELL_CHARS - len(TRUNCATED)


class Mode(enum.Enum):
    RAW = "raw"
    NULLIF = "nullif"
    RULES = "rules"


class Any_(Aggregate):
    """bool_or: whether any row satisfies a test."""

    function = "BOOL_OR"
    output_field = BooleanField()


class Test(Expression):
    """A boolean SQL test of one value: `template` with {value}, then any %s placeholders."""

    output_field = BooleanField()

    def __init__(self, source: Any, template: str, *params: object) -> None:
        super().__init__()
        self.source, self.template, self.params = source, template, list(params)

    def get_source_expressions(self) -> list:
        return [self.source]

    def set_source_expressions(self, expressions: Sequence[Combinable | Expression]) -> None:
        (self.source,) = expressions

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        value, params = compiler.compile(self.source)
        count = self.template.count("{value}")
        return self.template.format(value=f"({value})::text"), [*list(params) * count, *self.params]


class CsvCell(Expression):
    """One column as the Python path writes it (cleaning.csv_text, labels, local time), in SQL."""

    output_field = TextField()

    def __init__(self, column: Column, mode: Mode = Mode.RULES) -> None:
        super().__init__()
        self.column, self.mode = column, mode
        self.source = F(column.field)

    @property
    def identity(self) -> tuple:
        # Django hashes an expression by its arguments; a column's choices are a dict
        return (self.__class__, self.column.field, self.column.kind, self.mode, id(self.column))

    def get_source_expressions(self) -> list:
        return [self.source]

    def set_source_expressions(self, expressions: Sequence[Combinable | Expression]) -> None:
        (self.source,) = expressions  # type: ignore[assignment]  # Django passes back what it got

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        value, params = compiler.compile(self.source)
        params = list(params)
        if self.column.kind is TEXT:
            if self.mode is Mode.RAW:
                return value, params
            if self.mode is Mode.NULLIF:
                return f"NULLIF(({value})::text, '')", params
            return _rules(f"({value})::text", params)
        if self.column.kind is STATUS:
            return _status(f"({value})::text", params, self.column)
        if self.column.kind is DATE:
            zone = timezone.get_default_timezone_name()
            return f"to_char(({value}) AT TIME ZONE %s, 'YYYY-MM-DD HH24:MI:SS')", [*params, zone]
        return value, params  # MONEY, RATE: numeric's text is what Decimal's str() gives


def _status(value: str, params: list, column: Column) -> tuple[str, list]:
    """Known values become their labels (cleaned once, here); others are text like any."""
    sql, out = [f"CASE WHEN {value} = '' THEN NULL"], list(params)
    for stored, label in column.labels().items():
        sql.append(f"WHEN {value} = %s THEN %s")
        out += [*params, str(stored), csv_text(label) or None]
    other, other_params = _rules(value, params)
    sql.append(f"ELSE {other} END")
    return " ".join(sql), [*out, *other_params]


def _rules(value: str, params: list) -> tuple[str, list]:
    """cleaning.csv_text, value by value: controls removed, the cut, the apostrophe, '' -> empty."""
    cleaned = f"regexp_replace({value}, %s, '', 'g')"
    cleaned_params = [*params, CONTROLS]
    cut = (
        f"CASE WHEN length({cleaned}) > {MAX_CELL_CHARS} THEN left({cleaned}, {KEEP_CHARS}) || %s "
        f"ELSE {cleaned} END"
    )
    cut_params = [*cleaned_params, *cleaned_params, TRUNCATED, *cleaned_params]
    fixed = f"NULLIF(regexp_replace({cut}, %s, '''\\1'), '')"
    sql = (
        f"CASE WHEN {value} !~ %s AND octet_length({value}) <= {MAX_CELL_CHARS} THEN NULLIF({value}, '') "
        f"ELSE {fixed} END"
    )
    # in the order the placeholders appear in the SQL text
    return sql, [*params, NEEDS_RULES, *params, *params, *cut_params, f"^({STARTS})"]
