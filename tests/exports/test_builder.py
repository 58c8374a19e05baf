"""The writers on their own: formula injection, control characters, long text, sheet split."""

import csv
import io
import zipfile
from decimal import Decimal

from openpyxl import load_workbook

from incentives.export_kinds import DETAIL_COLUMNS as COLUMNS
from partner_center.exports.cleaning import MAX_CELL_CHARS, TRUNCATED
from partner_center.exports.csv import write_csv
from partner_center.exports.xlsx import MONEY_FORMAT, RATE_FORMAT, write_xlsx


def row(name="Acme", feedback="", revenue="1234.56", rate="0.0525", amount="64.81", currency="CNY"):
    """A row as the database gives it: stored status values, which the writers label."""
    return (
        "INC-1", "CS1", "2026-10", "Resale", name, "acct", "ECS", None, "Li Wei",
        Decimal(revenue), Decimal(rate), Decimal(amount), currency, "pending_confirmation", "", feedback,
    )  # fmt: skip


def build_xlsx(rows, **options):
    out = io.BytesIO()
    result = write_xlsx(rows, out, COLUMNS, sheet_title="Details", count_label="Detail lines", **options)
    out.seek(0)
    return result, out


def test_formula_like_text_is_stored_as_text_not_as_a_formula():
    values = ['=HYPERLINK("http://x","y")', "+1+1", "-1+1", "@SUM(A1)", "\tTab", "plain"]
    _, out = build_xlsx([row(name=value) for value in values])

    xml = zipfile.ZipFile(out).read("xl/worksheets/sheet2.xml").decode()
    assert "<f>" not in xml  # no cell holds a formula
    sheet = load_workbook(out)["Details"]
    assert [sheet.cell(r, 5).value for r in range(2, 8)] == values
    assert all(sheet.cell(r, 5).data_type == "s" for r in range(2, 8))


def test_control_characters_are_removed_and_long_text_cut_with_a_marker():
    _, out = build_xlsx([row(name="Bell\x07Esc\x1bCo\x00", feedback="y" * 40_000)])
    sheet = load_workbook(out)["Details"]
    assert sheet.cell(2, 5).value == "BellEscCo"
    feedback = sheet.cell(2, 16).value
    assert len(feedback) == MAX_CELL_CHARS and feedback.endswith(TRUNCATED)


def test_amounts_are_exact_decimals_with_a_two_place_format_and_a_total():
    rows = [
        row(revenue="0.10", amount="0.10"),
        row(revenue="0.20", amount="0.20"),
        row(amount="1234567890.01"),
    ]
    result, out = build_xlsx(rows)

    assert result.total("amount") == Decimal("1234567890.31") and result.rows == 3
    xml = zipfile.ZipFile(out).read("xl/worksheets/sheet2.xml").decode()
    assert "<v>0.1</v>" in xml and "<v>1234567890.01</v>" in xml  # written from the Decimal, no float drift
    workbook = load_workbook(out)
    summary, details = workbook.worksheets  # the Summary first
    assert details.cell(2, 12).number_format == "#,##0.00"
    assert [c.value for c in details[1]] == COLUMNS.headers()
    assert details.cell(2, 13).value == "CNY" and details.cell(2, 14).value == "Pending confirmation"
    assert [[c.value for c in r] for r in summary.iter_rows()] == [
        ["Detail lines", 3, None],
        [None, None, None],
        ["Currency", "Detail lines", "Total amount"],
        ["CNY", 3, 1234567890.31],
    ]


def test_rows_beyond_the_sheet_limit_continue_on_a_further_sheet():
    result, out = build_xlsx([row(name=f"c{n}") for n in range(7)], max_sheet_rows=3)
    workbook = load_workbook(out)
    assert result.sheets == 3
    assert [ws.title for ws in workbook.worksheets] == ["Summary", "Details", "Details (2)", "Details (3)"]
    names = [ws.cell(r, 5).value for ws in workbook.worksheets[1:] for r in range(2, ws.max_row + 1)]
    assert names == [f"c{n}" for n in range(7)]
    assert all(ws.cell(1, 1).value == "Incentive ID" for ws in workbook.worksheets[1:])
    # each sheet: the bold header frozen, and the autofilter over its own rows
    assert [ws.auto_filter.ref for ws in workbook.worksheets[1:]] == ["A1:P4", "A1:P4", "A1:P2"]
    assert all(ws.freeze_panes == "A2" and ws["A1"].font.b for ws in workbook.worksheets[1:])


def test_every_sheet_has_numeric_revenue_rate_and_amount_with_their_formats():
    rows = [row(revenue=f"{n}.50", rate="0.0525", amount=f"{n}.05") for n in range(5)]
    _, out = build_xlsx(rows, max_sheet_rows=2)
    sheets = load_workbook(out).worksheets[1:]
    cells = [cell for ws in sheets for r in ws.iter_rows(min_row=2, min_col=10, max_col=12) for cell in r]
    assert [c.number_format for c in cells] == [MONEY_FORMAT, RATE_FORMAT, MONEY_FORMAT] * 5
    assert all(c.data_type == "n" for c in cells)
    assert [c.value for c in cells[:3]] == [0.5, 0.0525, 0.05]


def test_empty_text_is_an_empty_cell():
    _, out = build_xlsx([row(name="", feedback="\x07")])  # nothing left once cleaned

    xml = zipfile.ZipFile(out).read("xl/worksheets/sheet2.xml").decode()
    assert 'r="E2"' not in xml and 'r="P2"' not in xml and 'r="H2"' not in xml  # no cell written
    sheet = load_workbook(out)["Details"]
    assert [sheet.cell(2, col).value for col in (5, 8, 15, 16)] == [None] * 4
    assert sheet.cell(2, 4).value == "Resale" and sheet.max_column == len(COLUMNS)


def test_csv_has_the_same_columns_protects_formulas_and_ends_with_the_total():
    out = io.BytesIO()
    result = write_csv(
        [row(name="=1+1"), row(name="@x"), row(name="北京云智科技有限公司", feedback="a\x07b")], out, COLUMNS
    )

    text = out.getvalue().decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == COLUMNS.headers()
    assert [line[4] for line in lines[1:4]] == ["'=1+1", "'@x", "北京云智科技有限公司"]
    assert lines[3][15] == "ab"
    assert lines[1][11:13] == ["64.81", "CNY"]
    assert lines[-1][0] == "Total amount" and lines[-1][11] == "194.43" == str(result.total("amount"))
    assert lines[-1][12] == "CNY"  # the total's currency under the currency column
    assert lines[1][13:15] == ["Pending confirmation", ""]  # labels; no feedback is an empty field
