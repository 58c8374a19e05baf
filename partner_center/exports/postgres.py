"""The CSV writer's PostgreSQL path: the database writes the rows itself (COPY ... TO STDOUT).

Reading rows into Python objects and formatting them again with the csv module is what made
CSV exports slow, so on PostgreSQL the rows go from COPY straight into the file, every text
rule of cleaning.py done in SQL (sql.py), built from the same column list and the queryset's
own query. The header and the total row are written by csv.py for both paths, and the bytes
are the same as the Python path's (tests/exports/test_postgres_copy.py).

One repeatable-read, read-only snapshot holds a survey of the rows (count, totals, and which
text columns hold anything the rules would change) and COPY. The survey makes COPY fast:
testing every value costs more than writing it, and nearly all values need nothing. Outside a
transaction the two run at once, on two connections sharing the snapshot
(pg_export_snapshot): COPY guesses that no value needs the rules, and in the rare case the
survey finds one, the rows are written again with the rules where they are needed.
"""

import logging
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any, BinaryIO

from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import Count, F, Func, QuerySet, Sum, TextField, Value
from django.db.models.expressions import Col
from django.db.models.functions import Cast

from .cleaning import MAX_CELL_CHARS
from .columns import TEXT, BuildResult, Columns, grouped_result
from .csv import write_header, write_totals
from .sql import NEEDS_RULES, ROW_NEEDS_RULES, SEPARATOR, Any_, CsvCell, Mode, Test

logger = logging.getLogger(__name__)
LONG = f"octet_length({{value}}) > {MAX_CELL_CHARS}"  # chars <= octets: a cheap upper bound


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
        write = partial(
            _copy, queryset, columns, cursor=cursor.cursor, out=out, progress=progress, every=every
        )
        if not outermost:  # a caller's transaction (its rows may be uncommitted): one connection
            result, modes = survey(queryset, columns)
            write(modes)
        else:
            result = _survey_while_copying(queryset, columns, cursor, out, write)
    write_totals(out, columns, result)
    return result


def _survey_while_copying(
    queryset: QuerySet, columns: Columns, cursor: Any, out: BinaryIO, write: Callable[[dict], None]
) -> BuildResult:
    """The survey on a second connection in this snapshot while COPY writes with a guess."""
    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
    cursor.execute("SELECT pg_export_snapshot()")
    (snapshot,) = cursor.fetchone()
    own, joined = _sources(queryset, [column.field for column in columns if column.kind is TEXT])
    surveyable = set(own) | {field for fields in joined.values() for field, _attname in fields}
    guess = {field: Mode.NULLIF for field in surveyable}  # NULLIF writes what RAW writes, and ''
    start = out.tell()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="export-survey") as helper:
        surveyed = helper.submit(_survey_in_snapshot, queryset, columns, snapshot)
        write(guess)  # on an error, leaving the block still waits for the survey's thread
        result, modes = surveyed.result()
    needing_rules = [field for field in guess if modes.get(field) is Mode.RULES]
    if needing_rules:
        logger.info("COPY again: values of %s need the rules", ", ".join(needing_rules))
        out.seek(start)
        out.truncate()
        write(modes)
    return result


def _survey_in_snapshot(queryset: QuerySet, columns: Columns, snapshot: str) -> tuple[BuildResult, dict]:
    """survey() on this thread's own connection, in the snapshot the COPY reads."""
    connection = connections[queryset.db]
    try:
        with transaction.atomic(using=queryset.db), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SET TRANSACTION SNAPSHOT %s", [snapshot])
            return survey(queryset, columns)
    finally:
        connection.close()


def _copy(
    queryset: QuerySet,
    columns: Columns,
    modes: dict[str, Mode],
    *,
    cursor: Any,
    out: BinaryIO,
    progress: Callable[[int], None] | None,
    every: int,
) -> None:
    try:
        sql = copy_sql(queryset, columns, modes, cursor)
    except EmptyResultSet:  # a queryset that cannot match (.none(), pk__in=[])
        return
    target = _Counting(out, progress, every) if progress else None
    try:
        cursor.copy_expert(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", target or out)
    finally:
        if target is not None:
            target.close()


def copy_sql(queryset: QuerySet, columns: Columns, modes: dict[str, Mode], cursor: Any) -> str:
    """The SELECT that COPY writes: the queryset's own query, each column by its kind and mode.

    COPY takes no parameters, so psycopg2's mogrify binds them; nothing is pasted in.
    """
    cells = [CsvCell(column, modes.get(column.field, Mode.RULES)) for column in columns]
    sql, params = queryset.values_list(*cells).query.sql_with_params()
    return cursor.mogrify(sql, params).decode()


def survey(queryset: QuerySet, columns: Columns) -> tuple[BuildResult, dict[str, Mode]]:
    """The line count, the totals, and how each text column must be written.

    Columns of the queryset's own table are tested over its rows, in the same query as the
    totals (one test per row over all of them); a column of a joined table is tested over
    that whole table, which is small and a superset of what the rows reach.
    """
    text = [column.field for column in columns if column.kind is TEXT]
    own, joined = _sources(queryset, text)
    aggregates: dict[str, Any] = {"export_rows": Count("pk")}
    totals = [columns[index].field for index in columns.total_indexes()]
    aggregates |= {f"export_total_{n}": Sum(field) for n, field in enumerate(totals)}
    if own:
        joined_values = Func(Value(SEPARATOR), *[Cast(F(f), TextField()) for f in own], function="concat_ws")
        aggregates["export_rules"] = Any_(Test(joined_values, "{value} ~ %s", ROW_NEEDS_RULES))
        aggregates["export_long"] = Any_(Test(joined_values, LONG))
        aggregates |= {f"export_empty_{n}": Any_(Test(F(f), "{value} = ''")) for n, f in enumerate(own)}
    rows = queryset.order_by()
    if columns.totals_by is None:
        found = [{**rows.aggregate(**aggregates), "export_group": None}]
    else:  # one scan still: the same aggregates per value (currency), combined below
        found = list(rows.values(export_group=F(columns.totals_by)).annotate(**aggregates))
    groups = [
        (g["export_group"], g["export_rows"], *[g[f"export_total_{n}"] for n in range(len(totals))])
        for g in found
    ]
    result = grouped_result(columns, groups)
    values = {
        name: any(g[name] for g in found)
        for name in aggregates
        if name.startswith(("export_rules", "export_long", "export_empty"))
    }

    modes = {field: Mode.RULES for field in text}
    if own and not (values["export_rules"] or values["export_long"]):
        modes |= {f: Mode.NULLIF if values[f"export_empty_{n}"] else Mode.RAW for n, f in enumerate(own)}
    for model, fields in joined.items():
        tests: dict[str, Any] = {}
        for n, (_field, attname) in enumerate(fields):
            tests[f"rules_{n}"] = Any_(Test(F(attname), LONG + " OR {value} ~ %s", NEEDS_RULES))
            tests[f"empty_{n}"] = Any_(Test(F(attname), "{value} = ''"))
        found = model._base_manager.using(queryset.db).aggregate(**tests)
        for n, (field, _attname) in enumerate(fields):
            if not found[f"rules_{n}"]:
                modes[field] = Mode.NULLIF if found[f"empty_{n}"] else Mode.RAW
    return result, modes


def _sources(queryset: QuerySet, fields: list[str]) -> tuple[list[str], dict[Any, list[tuple[str, str]]]]:
    """Which fields are columns of the queryset's own table, and which of a joined table (by model).

    A field that is not a plain column (an annotation, say) is in neither: it keeps the rules.
    """
    if not fields:
        return [], {}
    query = queryset.values_list(*fields).query
    own, joined = [], defaultdict(list)
    for field, col in zip(fields, query.select, strict=True):
        if not isinstance(col, Col):
            continue
        if col.alias == query.base_table:
            own.append(field)
        else:
            joined[col.target.model].append((field, col.target.attname))
    return own, dict(joined)


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
