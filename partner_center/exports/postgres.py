"""The CSV writer's PostgreSQL path: the database writes the rows itself (COPY ... TO STDOUT).

Reading rows into Python objects and formatting them again with the csv module is what made
CSV exports slow, so on PostgreSQL the rows go from COPY straight into the file, every text
rule of cleaning.py done in SQL, built from the same column list. The header and the total
row are written by csv.py for both paths, and the bytes are the same as the Python path's
(tests/exports/test_postgres_copy.py).
"""

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from decimal import Decimal
from typing import Any, BinaryIO

from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import Count, Expression, F, QuerySet, Sum, TextField
from django.utils import timezone

from .cleaning import FORMULA_STARTS, ILLEGAL_CSV_CHARS, MAX_CELL_CHARS, TRUNCATED, csv_text
from .columns import DATE, STATUS, TEXT, BuildResult, Column, Columns
from .csv import write_header, write_totals


def _regex_chars(chars: str) -> str:
    """Characters as regular-expression escapes; NUL is left out, PostgreSQL text never holds it."""
    return "".join(f"\\x{ord(char):02x}" for char in chars if char != "\0")


# Text that needs any work: empty (an empty field, as Python's csv writes it; COPY would
# quote it), a formula start, or a control character. Most text needs none and is written
# as it is after this one test, which keeps COPY fast.
NEEDS_WORK = f"^$|^[{_regex_chars(FORMULA_STARTS)}]|[{_regex_chars(ILLEGAL_CSV_CHARS)}]"
CONTROLS = f"[{_regex_chars(ILLEGAL_CSV_CHARS)}]"
FORMULA_START = f"^([{_regex_chars(FORMULA_STARTS)}])"
KEEP_CHARS = MAX_CELL_CHARS - len(TRUNCATED)


def copy_csv(
    queryset: QuerySet,
    out: BinaryIO,
    columns: Columns,
    *,
    progress: Callable[[int], None] | None = None,
    every: int = 10_000,
) -> BuildResult:
    """Write the header, the queryset's rows through COPY, and the total row to `out`."""
    connection = connections[queryset.db]
    write_header(out, columns)
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=queryset.db), connection.cursor() as cursor:
        if outermost:  # totals and rows from one snapshot, so the total row matches the rows
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        result = _totals(queryset, columns)
        try:
            sql = copy_sql(queryset, columns, cursor.cursor)
        except EmptyResultSet:  # a queryset that cannot match (.none(), pk__in=[])
            sql = None
        if sql is not None:
            target = _Counting(out, progress, every) if progress else None
            try:
                cursor.cursor.copy_expert(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", target or out)
            finally:
                if target is not None:
                    target.close()
    write_totals(out, columns, result)
    return result


def copy_sql(queryset: QuerySet, columns: Columns, cursor: Any) -> str:
    """The SELECT that COPY writes: the queryset's own query, each column written by its kind.

    The rules are expressions of that same query (not a wrapper around it), so PostgreSQL
    can evaluate them in its parallel workers. COPY takes no parameters, so psycopg2's
    mogrify binds them; nothing is pasted into the SQL text.
    """
    sql, params = queryset.values_list(*[CsvCell(column) for column in columns]).query.sql_with_params()
    return cursor.mogrify(sql, params).decode()


class CsvCell(Expression):
    """One column as the Python path writes it (cleaning.csv_text, labels, local time), in SQL."""

    output_field = TextField()

    def __init__(self, column: Column) -> None:
        super().__init__()
        self.column = column
        self.source = F(column.field)

    @property
    def identity(self) -> tuple:
        # Django hashes an expression by its arguments; a column's choices are a dict
        return (self.__class__, self.column.field, self.column.kind, id(self.column))

    def get_source_expressions(self) -> list:
        return [self.source]

    def set_source_expressions(self, expressions: list) -> None:
        (self.source,) = expressions

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        value, params = compiler.compile(self.source)
        params = list(params)
        if self.column.kind is TEXT:
            # a varchar(n) that cannot exceed a cell needs no length test (most columns)
            limit = getattr(getattr(self.source, "target", None), "max_length", None)
            return _text(f"({value})::text", params, may_be_long=not limit or limit > MAX_CELL_CHARS)
        if self.column.kind is STATUS:
            return _status(f"({value})::text", params, self.column)
        if self.column.kind is DATE:
            zone = timezone.get_default_timezone_name()
            return f"to_char(({value}) AT TIME ZONE %s, 'YYYY-MM-DD HH24:MI:SS')", [*params, zone]
        return value, params  # MONEY, RATE: numeric's text is what Decimal's str() gives


def _status(value: str, params: list, column: Column) -> tuple[str, list]:
    """Known values become their labels (cleaned once, here); others are text like any."""
    sql, out = ["CASE"], []
    for stored, label in column.labels().items():
        sql.append(f"WHEN {value} = %s THEN %s")
        out += [*params, str(stored), csv_text(label) or None]
    other, other_params = _text(value, params)
    sql.append(f"WHEN {value} = '' THEN NULL ELSE {other} END")
    return " ".join(sql), [*out, *params, *other_params]


def _text(value: str, params: list, *, may_be_long: bool = True) -> tuple[str, list]:
    """cleaning.csv_text: controls removed, cut with the marker, an apostrophe, '' -> empty."""
    cleaned = f"regexp_replace({value}, %s, '', 'g')"
    cleaned_params = [*params, CONTROLS]
    cut = (
        f"CASE WHEN length({cleaned}) > {MAX_CELL_CHARS} THEN left({cleaned}, {KEEP_CHARS}) || %s "
        f"ELSE {cleaned} END"
    )
    cut_params = [*cleaned_params, *cleaned_params, TRUNCATED, *cleaned_params]
    fixed = f"NULLIF(regexp_replace({cut}, %s, '''\\1'), '')"
    if may_be_long:
        test, test_params = (
            f"{value} !~ %s AND octet_length({value}) <= {MAX_CELL_CHARS}",
            [*params, NEEDS_WORK, *params],
        )
    else:
        test, test_params = f"{value} !~ %s", [*params, NEEDS_WORK]
    sql = f"CASE WHEN {test} THEN {value} WHEN {value} = '' THEN NULL ELSE {fixed} END"
    # in the order the placeholders appear in the SQL text
    return sql, [*test_params, *params, *params, *cut_params, FORMULA_START]


def _totals(queryset: QuerySet, columns: Columns) -> BuildResult:
    totals = [columns[index].field for index in columns.total_indexes()]
    aggregates = {f"export_total_{n}": Sum(field) for n, field in enumerate(totals)}
    values = queryset.order_by().aggregate(export_rows=Count("pk"), **aggregates)
    sums = {field: values[f"export_total_{n}"] or Decimal("0") for n, field in enumerate(totals)}
    return BuildResult(rows=values["export_rows"], totals=sums)


class _Counting:
    """Reports progress while COPY writes: psycopg2 calls write() once per row.

    The callback runs in a helper thread: while COPY streams, this thread's connection is busy
    (and inside a read-only transaction), so a callback that saves progress needs its own.
    """

    def __init__(self, out: BinaryIO, progress: Callable[[int], None], every: int) -> None:
        self._write, self._progress, self._every = out.write, progress, every
        self._helper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="export-progress")
        self._calls: list[Future] = []
        self.rows = 0

    def write(self, data: bytes) -> int:
        self.rows += 1
        if self.rows % self._every == 0:
            self._calls.append(self._helper.submit(self._progress, self.rows))
        return self._write(data)

    def close(self) -> None:
        """Wait for the callbacks (re-raising their error) and close the helper's connections."""
        try:
            for call in self._calls:
                call.result()
        finally:
            self._helper.submit(connections.close_all).result()
            self._helper.shutdown()
