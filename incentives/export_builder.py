"""Turns detail-line rows into an .xlsx or .csv file, streaming: no row is kept after it is written.

Pure: it knows nothing of jobs or the database; it takes an iterable of rows (tuples in
COLUMNS order) and a binary file. Safety rules for text, from DESIGN.md section 4:
- a cell that a spreadsheet would run as a formula is written as text (xlsx: a string cell;
  CSV: prefixed with an apostrophe, as OWASP advises);
- control characters that are illegal in XML are removed;
- text longer than a cell holds is cut, ending with a visible marker.
"""

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell

# (header, kind): kind "text", "money" (2 places) or "rate".
COLUMNS = [
    (gettext_lazy("Incentive ID"), "text"),
    (gettext_lazy("Order ID"), "text"),
    (gettext_lazy("Reconciliation period"), "text"),
    (gettext_lazy("Incentive program"), "text"),
    (gettext_lazy("Customer name"), "text"),
    (gettext_lazy("Customer account"), "text"),
    (gettext_lazy("Product type"), "text"),
    (gettext_lazy("Tier-2 reseller"), "text"),
    (gettext_lazy("Account manager"), "text"),
    (gettext_lazy("Revenue"), "money"),
    (gettext_lazy("Rate"), "rate"),
    (gettext_lazy("Amount"), "money"),
    (gettext_lazy("Status"), "text"),
    (gettext_lazy("Feedback status"), "text"),
    (gettext_lazy("Feedback"), "text"),
]
AMOUNT_COLUMN = 11
MAX_CELL_CHARS = 32_767
TRUNCATED = "…[truncated]"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MONEY_FORMAT = "#,##0.00"
RATE_FORMAT = "0.0000##"


@dataclass
class BuildResult:
    rows: int
    total_amount: Decimal
    sheets: int = 1


def clean_text(value) -> str:
    """Remove XML-illegal control characters and cut over-long text with a visible marker."""
    text = "" if value is None else str(value)
    if ILLEGAL_XML.search(text):
        text = ILLEGAL_XML.sub("", text)
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - len(TRUNCATED)] + TRUNCATED
    return text


def _safe_text(value):
    # Fast path: printable text of normal length needs nothing (str.isprintable runs in C).
    if value.__class__ is str and value.isprintable() and len(value) <= MAX_CELL_CHARS:
        return value
    return clean_text(value)


TEXT_COLUMNS = [index for index, (_header, kind) in enumerate(COLUMNS) if kind == "text"]
NUMBER_COLUMNS = [index for index, (_header, kind) in enumerate(COLUMNS) if kind != "text"]


def write_xlsx(
    rows: Iterable, out, *, max_sheet_rows=1_048_575, progress: Callable | None = None, every=10_000
):
    """Write rows to `out` (a binary file); a new sheet starts after max_sheet_rows data rows.

    Rows may be lists, which are then reused for the cells (not copied again).
    """
    workbook = Workbook(write_only=True)
    headers = [str(header) for header, _kind in COLUMNS]
    sheet, styled = _new_sheet(workbook, 1, headers)
    count, in_sheet, sheets, total = 0, 0, 1, Decimal("0")
    for row in rows:
        if in_sheet == max_sheet_rows:
            sheets += 1
            sheet, styled = _new_sheet(workbook, sheets, headers)
            in_sheet = 0
        values = row if row.__class__ is list else list(row)
        total += values[AMOUNT_COLUMN]
        for index in TEXT_COLUMNS:
            value = values[index]
            if value is None:
                continue
            text = _safe_text(value)
            if not text:
                values[index] = None  # an empty cell is left out, which reads the same and is cheaper
            elif text[:1] == "=":
                # openpyxl would store it as a formula; a string-typed cell keeps it text
                cell = WriteOnlyCell(sheet, value=text)
                cell.data_type = "s"
                values[index] = cell
            else:
                values[index] = text
        for index, cell in styled:
            cell.value = values[index]
            values[index] = cell
        sheet.append(values)
        count += 1
        in_sheet += 1
        if progress and count % every == 0:
            progress(count)
    _summary_sheet(workbook, count, total)
    workbook.save(out)
    return BuildResult(rows=count, total_amount=total, sheets=sheets)


class NumberCell(Cell):
    """A number cell with a fixed number format, reused row after row for its column.

    Reuse is safe because append() writes a row's cells at once. Two per-cell costs of openpyxl
    are paid once instead: looking the style up in the workbook's style list, and formatting the
    cell's repr, which append() puts into an error message (then caught) for every Cell it is given.
    """

    __slots__ = ("style_id",)
    has_style = True

    def __init__(self, sheet, number_format):
        super().__init__(sheet, row=1, column=1)
        self.number_format = number_format
        self.style_id = Cell.style_id.fget(self)

    def __repr__(self):
        return "<NumberCell>"


def _new_sheet(workbook, number, headers):
    title = str(_("Details")) if number == 1 else f"{_('Details')} ({number})"
    sheet = workbook.create_sheet(title=title)
    sheet.freeze_panes = "A2"
    sheet.append(headers)
    formats = {"money": MONEY_FORMAT, "rate": RATE_FORMAT}
    styled = [(index, NumberCell(sheet, formats[COLUMNS[index][1]])) for index in NUMBER_COLUMNS]
    return sheet, styled


def _summary_sheet(workbook, count, total):
    sheet = workbook.create_sheet(title=str(_("Summary")))
    amount = WriteOnlyCell(sheet, value=total)
    amount.number_format = MONEY_FORMAT
    sheet.append([str(_("Detail lines")), count])
    sheet.append([str(_("Total amount")), amount])


def csv_text(value) -> str:
    text = _safe_text(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(rows: Iterable[tuple], out, *, progress: Callable | None = None, every=10_000):
    """Same columns as the workbook, UTF-8 with a BOM so that spreadsheet programs read Chinese."""
    stream = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(stream)
    writer.writerow([str(header) for header, _kind in COLUMNS])
    count, total = 0, Decimal("0")
    for row in rows:
        values = row if row.__class__ is list else list(row)
        total += values[AMOUNT_COLUMN]
        for index in TEXT_COLUMNS:
            if values[index] is not None:
                values[index] = csv_text(values[index])
        writer.writerow(values)
        count += 1
        if progress and count % every == 0:
            progress(count)
    writer.writerow([])
    writer.writerow([str(_("Total amount")), *[""] * (AMOUNT_COLUMN - 1), total])
    stream.flush()
    stream.detach()
    return BuildResult(rows=count, total_amount=total)
