"""Rows to a .csv file, streaming, with the same columns as the workbook.

UTF-8 with a BOM so that spreadsheet programs read Chinese; lines end with LF, as PostgreSQL's
COPY writes them, so the COPY path (postgres.py) and this one give the same bytes; the header
and the total row are written here for both.
"""

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any, BinaryIO, cast

from django.utils import timezone

from .cleaning import csv_text, local_text
from .columns import DATE, STATUS, TEXT, BuildResult, Columns, Summing


def _writer(stream: io.TextIOWrapper) -> Any:  # csv.writer's type is not public
    return csv.writer(stream, lineterminator="\n")


def write_header(out: BinaryIO, columns: Columns) -> None:
    stream = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    _writer(stream).writerow(columns.headers())
    stream.flush()
    stream.detach()


def write_totals(out: BinaryIO, columns: Columns, result: BuildResult) -> None:
    """An empty line, then the label and each total under its column: with columns.totals_by,
    one such row per value (currency), the value under its own column."""
    stream = io.TextIOWrapper(out, encoding="utf-8", newline="")
    totals = columns.total_indexes()
    group = columns.index(columns.totals_by) if columns.totals_by is not None else None
    width = max([*totals, group or 0]) + 1
    writer = _writer(stream)
    writer.writerow([])
    groups = [(csv_text(value), sub.totals) for value, sub in result.groups.items()]
    for value, sums in groups or [("", result.totals)]:
        row: list[object] = [""] * width
        row[0] = columns.totals_label()
        for index in totals:
            row[index] = sums[columns[index].field]
        if group is not None:
            row[group] = value
        writer.writerow(row)
    stream.flush()
    stream.detach()


def write_csv(
    rows: Iterable[Sequence],
    out: BinaryIO,
    columns: Columns,
    *,
    progress: Callable[[int], None] | None = None,
    every: int = 10_000,
) -> BuildResult:
    """The Python path, for any database; rows may be lists, which are then reused."""
    write_header(out, columns)
    stream = io.TextIOWrapper(out, encoding="utf-8", newline="")
    writer = _writer(stream)
    text = columns.indexes(TEXT, STATUS)
    labels = [(index, columns[index].labels()) for index in columns.indexes(STATUS)]
    dates = columns.indexes(DATE)
    summing = Summing(columns)
    add = summing.add
    zone = timezone.get_default_timezone()
    count = 0
    for row in rows:
        values = cast(list, row) if row.__class__ is list else list(row)
        add(values)
        for index, names in labels:
            value = values[index]
            values[index] = names.get(value, value) if value else None
        for index in dates:
            values[index] = local_text(values[index], zone)
        for index in text:
            if values[index] is not None:
                values[index] = csv_text(values[index])
        writer.writerow(values)
        count += 1
        if progress and count % every == 0:
            progress(count)
    stream.flush()
    stream.detach()
    result = summing.result()
    write_totals(out, columns, result)
    return result
