"""The CSV's PostgreSQL path (COPY, the rules in SQL) writes the same bytes as the Python path."""

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from incentives.export_kinds import DETAIL_COLUMNS
from incentives.models import DetailLine, Statement
from partner_center.exports.columns import DATE, MONEY, STATUS, Column
from partner_center.exports.csv import write_csv
from partner_center.exports.postgres import copy_csv, survey
from partner_center.exports.sql import Mode
from tests import factories

pytestmark = pytest.mark.postgres

TEXTS = [
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\tTabbed",
    "\rCarriage",
    "\nLine feed first",
    "Bell\x07and\x1bEscape Co",
    "\x01=after a control",
    "two\r\nlines, a comma",
    'a "quoted" name, with a comma',
    "北京云智科技有限公司",
    "y" * 40_000,
    "中" * 40_000,
    "=" + "z" * 40_000,
    "",
    "  spaces around  ",
    "'already quoted",
    "back\\slash",
    "emoji 😀 and \u2028 separator",
    "\\.",
]


def lines_with(partner, texts, reseller_name="=Reseller\x07Co"):
    """Two lines per text, with the text as customer name (cut to fit) and as feedback, and a mix
    of empty, NULL and set values elsewhere."""
    october = factories.PeriodFactory(code="2026-10")
    reseller = factories.PartnerFactory(name=reseller_name, kind="reseller")
    for number, text in enumerate(texts):
        customer = factories.CustomerFactory(partner=partner, name=text[:200] or f"c{number}")
        factories.bill(partner, october, customer=customer, lines=[("53.30", "0.0525"), ("0.10", "0.033333")])
    lines = DetailLine.objects.filter(partner=partner).order_by("pk")
    for number, line in enumerate(lines):
        line.feedback = texts[number // 2]
        line.account_manager = texts[(number // 2 + 3) % len(texts)][:100]
        line.feedback_status = ["", "open", "answered", "weird\x07"][number % 4]
        line.tier2_reseller = reseller if number % 3 == 0 else None
        line.feedback_at = datetime(2026, 10, 31, 16, 0, 5, 123456, tzinfo=UTC) if number % 2 else None
        line.save()
    return lines


def both_paths(lines, columns):
    python, database = io.BytesIO(), io.BytesIO()
    python_result = write_csv(lines.values_list(*columns.fields).iterator(), python, columns)
    database_result = copy_csv(lines, database, columns)
    return python.getvalue(), python_result, database.getvalue(), database_result


@pytest.mark.django_db
def test_copy_writes_the_same_bytes_as_the_python_path(partner_setup):
    lines = lines_with(partner_setup["distributor"], TEXTS)
    columns = DETAIL_COLUMNS.plus(
        Column("feedback_at", _("Feedback updated at"), DATE),
        Column("incentive__amount", _("Incentive amount"), MONEY, total=True),
    )

    python, python_result, database, database_result = both_paths(lines, columns)

    assert database == python
    assert database_result == python_result
    assert database_result.rows == lines.count() == 2 * len(TEXTS)
    assert database_result.totals == {
        "amount": lines.aggregate(s=Sum("amount"))["s"],
        "incentive__amount": lines.aggregate(s=Sum("incentive__amount"))["s"],
    }
    # and what the bytes say, read back as a spreadsheet program would
    assert database.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(database.decode("utf-8-sig"))))
    header, body, (blank, totals) = rows[0], rows[1:-2], rows[-2:]
    assert header[-2:] == ["Feedback updated at (Asia/Shanghai)", "Incentive amount"]
    names, feedback = [row[4] for row in body[::2]], [row[15] for row in body[::2]]
    assert names[:9] == [
        "'=HYPERLINK(\"http://evil.example\",\"click\")", "'+cmd|' /C calc'!A0", "'-2+3", "'@SUM(A1:A2)",
        "'\tTabbed", "Carriage", "'\nLine feed first", "BellandEscape Co", "'=after a control",
    ]  # fmt: skip
    assert names[9:12] == ["two\nlines, a comma", 'a "quoted" name, with a comma', "北京云智科技有限公司"]
    assert names[9:12] == feedback[9:12] and names[15] == "c15" and feedback[15] == ""
    assert len(feedback[12]) == len(feedback[13]) == 32_767 and feedback[13].endswith("中…[truncated]")
    assert feedback[14].startswith("'=z") and len(feedback[14]) == 32_768
    assert body[0][14] == "" and body[1][14] == "Open" and body[3][14] == "weird"  # labels, else text
    assert {row[12] for row in body} == {"CNY"}
    assert body[0][7] == "'=ResellerCo" and body[1][7] == ""  # NULL reseller: empty
    assert body[1][16] == "2026-11-01 00:00:05" and body[0][16] == ""
    assert (blank, totals[0], totals[12]) == ([], "Totals", "CNY")
    assert (totals[11], totals[17]) == (
        str(python_result.total("amount")),
        str(python_result.total("incentive__amount")),
    )


@pytest.mark.django_db(transaction=True)
def test_copy_outside_a_transaction_surveys_on_a_second_connection_in_the_same_snapshot(
    partner_setup, caplog
):
    clean = ["Acme Cloud", "北京云智科技有限公司", "with, a comma", ""]
    lines = lines_with(partner_setup["distributor"], clean, reseller_name="Reseller Co")
    python, python_result, database, result = both_paths(lines, DETAIL_COLUMNS)
    assert database == python and result == python_result and result.rows == 8
    reported = []
    with caplog.at_level("INFO", logger="partner_center.exports.postgres"):
        copy_csv(lines, io.BytesIO(), DETAIL_COLUMNS, progress=reported.append, every=3)
    assert reported == [3, 6]  # progress while COPY writes, every 3 rows
    assert "COPY again" not in caplog.text  # the guess held: the rows were written once


@pytest.mark.django_db(transaction=True)
def test_copy_outside_a_transaction_writes_again_when_the_survey_finds_values_needing_the_rules(
    partner_setup, caplog
):
    lines = lines_with(partner_setup["distributor"], TEXTS)
    with caplog.at_level("INFO", logger="partner_center.exports.postgres"):
        python, python_result, database, result = both_paths(lines, DETAIL_COLUMNS)
    assert database == python and result == python_result and result.rows == 2 * len(TEXTS)
    assert "COPY again: values of" in caplog.text and "customer__name" in caplog.text


@pytest.mark.django_db
def test_copy_of_no_lines_is_the_header_and_a_zero_total(partner_setup):
    python, _python_result, database, result = both_paths(DetailLine.objects.none(), DETAIL_COLUMNS)
    assert database == python and result.rows == 0
    assert database.decode("utf-8-sig").splitlines()[-1] == "Total amount,,,,,,,,,,,0,"


@pytest.mark.django_db
def test_a_status_label_is_protected_like_any_text(partner_setup):
    lines = lines_with(partner_setup["distributor"], ["plain"])
    association = Column(
        "customer__association_type", _("Association"), STATUS, choices={"resale": "=Re\x07"}
    )
    python, _python_result, database, _result = both_paths(lines, DETAIL_COLUMNS.plus(association))
    assert database == python and ",'=Re\n" in database.decode("utf-8-sig")
    total = Decimal(database.decode().splitlines()[-1].split(",")[11])
    assert total == lines.aggregate(s=Sum("amount"))["s"] == Decimal("2.80")


@pytest.mark.django_db(transaction=True)
def test_a_csv_job_saves_its_progress_while_copy_runs(partner_setup, settings, tmp_path):
    from incentives.services.exports import export_request, export_run

    settings.MEDIA_ROOT, settings.EXPORT_PROGRESS_ROWS = tmp_path, 5
    lines_with(partner_setup["distributor"], TEXTS[:6])
    job = export_request(user=partner_setup["admin"], method="period", period="2026-10", file_format="csv")

    job = export_run(job.pk)

    assert job.status == "completed", job.error
    assert job.rows_written == job.rows_total == 12
    assert job.heartbeat_at > job.started_at  # a progress update was saved (from its own connection)


@pytest.mark.django_db
def test_columns_whose_values_need_nothing_are_written_as_they_are(partner_setup):
    clean = ["Acme Cloud", "北京云智科技有限公司", "with, a comma", 'with "quotes"', "multi\nline", ""]
    lines = lines_with(partner_setup["distributor"], clean, reseller_name="Reseller Co")

    _result, modes = survey(lines, DETAIL_COLUMNS)
    python, _python_result, database, _result = both_paths(lines, DETAIL_COLUMNS)

    assert database == python
    assert modes["order_id"] is modes["customer__name"] is modes["tier2_reseller__name"] is Mode.RAW
    assert modes["feedback"] is modes["account_manager"] is Mode.NULLIF  # some are empty


@pytest.mark.django_db
def test_one_value_needing_the_rules_anywhere_in_a_column_gives_it_the_rules(partner_setup):
    lines = lines_with(partner_setup["distributor"], ["Acme", "Beta"], reseller_name="Reseller Co")
    factories.CustomerFactory(partner=partner_setup["rival"], name="@another partner's")  # not exported
    line = lines.last()
    line.product_type = "@SUM(1)"  # not the first of the lines' own columns: after a separator
    line.save()

    _result, modes = survey(lines, DETAIL_COLUMNS)
    python, _python_result, database, _result = both_paths(lines, DETAIL_COLUMNS)

    assert database == python and b",'@SUM(1)," in database
    assert modes["customer__name"] is Mode.RULES  # the whole table is surveyed: still right
    assert modes["order_id"] is modes["product_type"] is Mode.RULES  # the lines' own columns, together
    assert modes["customer__account"] is Mode.RAW


@pytest.mark.django_db
def test_copy_totals_each_currency_apart_like_the_python_path(partner_setup):
    lines = lines_with(partner_setup["distributor"], ["Acme", "=Beta"])
    usd = factories.bill(
        partner_setup["distributor"], factories.PeriodFactory(code="2026-11"), lines=[("9.99", "1")]
    )
    Statement.objects.filter(pk=usd.pk).update(currency="USD")
    lines = DetailLine.objects.filter(partner=partner_setup["distributor"]).order_by("pk")

    python, python_result, database, result = both_paths(lines, DETAIL_COLUMNS)

    assert database == python and result == python_result
    assert {value: group.rows for value, group in result.groups.items()} == {"CNY": 4, "USD": 1}
    assert database.decode("utf-8-sig").splitlines()[-2:] == [
        "Total amount,,,,,,,,,,," + str(result.groups["CNY"].totals["amount"]) + ",CNY",
        "Total amount,,,,,,,,,,,9.99,USD",
    ]
