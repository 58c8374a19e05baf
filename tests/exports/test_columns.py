"""The column list drives the writers: header, cells, number formats and totals come from it."""

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

from incentives.export_kinds import DETAIL_COLUMNS
from partner_center.exports import registry
from partner_center.exports.columns import DATE, KIND_WIDTHS, MONEY, RATE, STATUS, TEXT, Column, Columns
from partner_center.exports.csv import write_csv
from partner_center.exports.xlsx import DATE_FORMAT, MONEY_FORMAT, RATE_FORMAT, write_xlsx

BASE = Columns(
    [
        Column("order_id", _("Order ID"), width=18),
        Column("rate", _("Rate"), RATE),
        Column("amount", _("Amount"), MONEY, total=True, total_label=_("Total amount")),
        Column("status", _("Status"), STATUS, choices={"open": _("Open"), "done": _("Done")}),
    ]
)
BONUS = Column("bonus", _("Bonus"), MONEY, total=True)
ROWS = [
    ("A-1", Decimal("0.0725"), Decimal("10.05"), "open", Decimal("1.10")),
    ("A-2", Decimal("0.033333"), Decimal("0.95"), "done", Decimal("2.25")),
    ("A-3", Decimal("0.05"), Decimal("100.00"), "", Decimal("0.65")),
]


def xlsx(columns, rows):
    out = io.BytesIO()
    result = write_xlsx(
        [row[: len(columns)] for row in rows], out, columns, sheet_title="Lines", count_label="Lines"
    )
    out.seek(0)
    return result, load_workbook(out)


def csv_rows(columns, rows):
    out = io.BytesIO()
    result = write_csv([row[: len(columns)] for row in rows], out, columns)
    return result, list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"))))


def test_adding_a_money_column_with_a_total_adds_its_header_cells_and_total():
    before, book = xlsx(BASE, ROWS)
    assert [c.value for c in book["Lines"][1]] == ["Order ID", "Rate", "Amount", "Status"]
    assert [[c.value for c in row] for row in book["Summary"].iter_rows()] == [
        ["Lines", 3],
        ["Total amount", 111.0],
    ]

    columns = BASE.plus(BONUS)
    result, book = xlsx(columns, ROWS)

    details, summary = book["Lines"], book["Summary"]
    assert [c.value for c in details[1]] == ["Order ID", "Rate", "Amount", "Status", "Bonus"]
    assert [details.cell(r, 5).value for r in (2, 3, 4)] == [1.1, 2.25, 0.65]
    assert {details.cell(r, 5).number_format for r in (2, 3, 4)} == {MONEY_FORMAT}
    assert [[c.value for c in row] for row in summary.iter_rows()] == [
        ["Lines", 3],
        ["Total amount", 111.0],
        ["Total Bonus", 4.0],
    ]
    assert summary["B3"].number_format == MONEY_FORMAT
    assert result.totals == {"amount": Decimal("111.00"), "bonus": Decimal("4.00")} and before.totals == {
        "amount": Decimal("111.00")
    }

    result, lines = csv_rows(columns, ROWS)
    assert lines[0] == ["Order ID", "Rate", "Amount", "Status", "Bonus"]
    assert lines[1] == ["A-1", "0.0725", "10.05", "Open", "1.10"]
    assert lines[-2:] == [[], ["Totals", "", "111.00", "", "4.00"]]  # each total under its column
    assert csv_rows(BASE, ROWS)[1][-1] == ["Total amount", "", "111.00"]


def test_rates_are_numbers_formatted_as_percentages():
    _result, book = xlsx(BASE, ROWS)
    cells = [book["Lines"].cell(r, 2) for r in (2, 3, 4)]
    assert [c.value for c in cells] == [0.0725, 0.033333, 0.05]
    assert all(c.data_type == "n" and c.number_format == RATE_FORMAT == "0.00##%" for c in cells)


def test_a_status_is_written_as_its_label_and_no_status_is_an_empty_cell():
    _result, book = xlsx(BASE, [*ROWS, ("A-4", Decimal("0.05"), Decimal("1.00"), "=unknown\x07")])
    assert [book["Lines"].cell(r, 4).value for r in (2, 3, 4, 5)] == ["Open", "Done", None, "=unknown"]
    assert book["Lines"].cell(5, 4).data_type == "s"  # text, not a formula
    _result, lines = csv_rows(BASE, [*ROWS, ("A-4", Decimal("0.05"), Decimal("1.00"), "=unknown\x07")])
    assert [line[3] for line in lines[1:5]] == ["Open", "Done", "", "'=unknown"]


def test_dates_are_in_the_portal_time_zone_which_the_header_names(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    columns = Columns(
        [Column("order_id", _("Order ID")), Column("feedback_at", _("Feedback updated at"), DATE)]
    )
    rows = [("A-1", datetime(2026, 10, 31, 16, 0, 5, tzinfo=UTC)), ("A-2", None)]

    _result, book = xlsx(columns, rows)
    sheet = book["Lines"]
    assert sheet["B1"].value == "Feedback updated at (Asia/Shanghai)"
    assert sheet["B2"].value == datetime(2026, 11, 1, 0, 0, 5) and sheet["B2"].number_format == DATE_FORMAT
    assert sheet["B3"].value is None

    _result, lines = csv_rows(columns, rows)
    assert lines[0][1] == "Feedback updated at (Asia/Shanghai)"
    assert [line[1] for line in lines[1:3]] == ["2026-11-01 00:00:05", ""]


def test_column_widths_come_from_the_list_or_the_kind_of_column():
    _result, book = xlsx(BASE, ROWS)
    widths = {letter: book["Lines"].column_dimensions[letter].width for letter in "ABCD"}
    assert widths == {"A": 18, "B": KIND_WIDTHS[RATE], "C": KIND_WIDTHS[MONEY], "D": KIND_WIDTHS[STATUS]}


def test_the_header_is_bold_and_frozen_and_the_rows_have_an_autofilter():
    _result, book = xlsx(BASE, ROWS)
    sheet = book["Lines"]
    assert all(cell.font.b for cell in sheet[1]) and not any(cell.font.b for cell in sheet[2])
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:D4"
    _result, book = xlsx(BASE, [])
    assert book["Lines"].auto_filter.ref == "A1:D1"  # the header alone


PER_CURRENCY = Columns([*BASE, Column("currency", _("Currency"), width=9)], totals_by="currency")
MIXED = [
    ("A-1", Decimal("0.05"), Decimal("10.05"), "open", "CNY"),
    ("A-2", Decimal("0.05"), Decimal("2.50"), "done", "USD"),
    ("A-3", Decimal("0.05"), Decimal("0.95"), "", "CNY"),
]


def test_totals_are_kept_apart_per_currency_in_the_summary_and_the_csv():
    result, book = xlsx(PER_CURRENCY, MIXED)

    assert {value: (g.rows, g.totals) for value, g in result.groups.items()} == {
        "CNY": (2, {"amount": Decimal("11.00")}),
        "USD": (1, {"amount": Decimal("2.50")}),
    }
    assert [[c.value for c in row] for row in book["Summary"].iter_rows()] == [
        ["Lines", 3, None],
        [None, None, None],
        ["Currency", "Lines", "Total amount"],
        ["CNY", 2, 11.0],
        ["USD", 1, 2.5],
    ]
    assert (
        all(cell.font.b for cell in book["Summary"][3])
        and book["Summary"]["C4"].number_format == MONEY_FORMAT
    )
    _result, lines = csv_rows(PER_CURRENCY, MIXED)
    assert lines[0][-1] == "Currency" and lines[2][-1] == "USD"
    assert lines[-3:] == [
        [],
        ["Total amount", "", "11.00", "", "CNY"],
        ["Total amount", "", "2.50", "", "USD"],
    ]


def test_the_summary_comes_first_with_its_cover_lines():
    out = io.BytesIO()
    cover = [("Partner", "Acme"), ("Filters", "=not a formula"), ("Lines asked", 3)]
    write_xlsx(
        ROWS, out, PER_CURRENCY, sheet_title="Lines", count_label="Lines", cover_title="Export", cover=cover
    )
    book = load_workbook(out)
    assert book.sheetnames == ["Summary", "Lines"] and book.active.title == "Summary"
    rows = [[c.value for c in row][:2] for row in book["Summary"].iter_rows(max_row=6)]
    assert rows == [["Export", None], [None, None], ["Partner", "Acme"], ["Filters", "=not a formula"],
                    ["Lines asked", 3], ["Lines", 3]]  # fmt: skip
    assert book["Summary"]["B4"].data_type == "s" and book["Summary"]["A1"].font.b


def test_totals_by_must_be_a_column_without_a_total():
    with pytest.raises(ValueError, match="totals_by"):
        Columns(BASE, totals_by="nope")
    with pytest.raises(ValueError, match="totals_by"):
        Columns(BASE, totals_by="amount")
    assert PER_CURRENCY.plus(BONUS).totals_by == "currency"


def test_the_detail_kind_has_the_sixteen_columns_in_their_order():
    assert [(column.field, column.kind) for column in DETAIL_COLUMNS] == [
        ("incentive__incentive_id", TEXT), ("order_id", TEXT), ("period__code", TEXT),
        ("program__name", TEXT), ("customer__name", TEXT), ("customer__account", TEXT),
        ("product_type", TEXT), ("tier2_reseller__name", TEXT), ("account_manager", TEXT),
        ("revenue", MONEY), ("rate", RATE), ("amount", MONEY), ("incentive__statement__currency", TEXT),
        ("incentive__statement__status", STATUS),
        ("feedback_status", STATUS), ("feedback", TEXT),
    ]  # fmt: skip
    assert DETAIL_COLUMNS.total_indexes() == [DETAIL_COLUMNS.index("amount")] == [11]
    assert DETAIL_COLUMNS.totals_by == "incentive__statement__currency"  # amounts add up per currency
    assert registry.get_kind("incentive_details").columns is DETAIL_COLUMNS
    assert "incentive_details" in [kind.name for kind in registry.kinds()]


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ([Column("a", "A"), Column("a", "A again")], "distinct fields"),
        ([Column("a", "A", MONEY, total=True)], "first column"),
        ([], "at least one column"),
    ],
)
def test_a_column_list_refuses_what_the_writers_could_not_write(columns, message):
    with pytest.raises(ValueError, match=message):
        Columns(columns)


def test_a_column_refuses_a_status_without_labels_and_a_total_of_text():
    with pytest.raises(ValueError, match="needs its choices"):
        Column("status", "Status", STATUS)
    with pytest.raises(ValueError, match="only MONEY columns"):
        Column("name", "Name", TEXT, total=True)


def test_a_kind_is_registered_once(monkeypatch):
    monkeypatch.setattr(registry, "_KINDS", dict(registry._KINDS))
    kind = registry.get_kind("incentive_details")
    assert registry.register(kind) is kind  # the same kind again (a module imported twice)
    other = registry.ExportKind(
        name="incentive_details", label="x", sheet_title="x", file_stem="x", columns=BASE,
        rows=kind.rows, count_label="x",
    )  # fmt: skip
    with pytest.raises(ValueError, match="already registered"):
        registry.register(other)
    with pytest.raises(KeyError):
        registry.get_kind("nope")
