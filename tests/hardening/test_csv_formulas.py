"""CSV cells a spreadsheet would run as a formula are neutralised (an apostrophe first) also when
spaces come before the formula character or the character is full-width (＝ ＋ － ＠), in both
CSV paths: Python's writer and PostgreSQL's COPY (the rules in SQL)."""

import csv
import io

import pytest

from incentives.export_kinds import DETAIL_COLUMNS
from partner_center.exports.cleaning import csv_text
from tests.exports.test_postgres_copy import both_paths, lines_with

DISGUISED = {
    " =1+1": "' =1+1",
    "   +cmd|' /C calc'!A0": "'   +cmd|' /C calc'!A0",
    "\u00a0-2+3": "'\u00a0-2+3",
    "\u3000@SUM(A1:A2)": "'\u3000@SUM(A1:A2)",
    '＝HYPERLINK("http://evil.example")': '\'＝HYPERLINK("http://evil.example")',
    "＋1+1": "'＋1+1",
    "－2+3": "'－2+3",
    "＠SUM(A1)": "'＠SUM(A1)",
    " ＝1": "' ＝1",
    "\u3000\u3000＝1": "'\u3000\u3000＝1",
}
HARMLESS = ["  spaces around  ", " hello", "a = b", "北京 ＝ 上海", "\u3000全角空格开头"]


@pytest.mark.parametrize("text", DISGUISED)
def test_python_writer_neutralises_a_disguised_formula(text):
    assert csv_text(text) == DISGUISED[text]


@pytest.mark.parametrize("text", HARMLESS)
def test_python_writer_leaves_other_text_as_it_is(text):
    assert csv_text(text) == text


def customer_names(data: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    index = rows[0].index(
        str(DETAIL_COLUMNS.headers()[[c.field for c in DETAIL_COLUMNS].index("customer__name")])
    )
    return [row[index] for row in rows[1:] if row]


@pytest.mark.postgres
@pytest.mark.django_db
def test_copy_neutralises_them_exactly_as_the_python_path(partner_setup):
    texts = [*DISGUISED, *HARMLESS]
    lines = lines_with(partner_setup["distributor"], texts, reseller_name=" =Reseller")
    python, _python_result, database, _database_result = both_paths(lines, DETAIL_COLUMNS)
    assert database == python
    names = customer_names(database)
    for text in texts:
        assert (DISGUISED.get(text, text)) in names
    assert not any(
        name.lstrip(" \u00a0\u3000").startswith(("=", "+", "-", "@", "＝", "＋", "－", "＠"))
        for name in names
    )


@pytest.mark.postgres
@pytest.mark.django_db
def test_copy_finds_a_disguised_formula_among_otherwise_plain_rows(partner_setup):
    """The survey that lets most columns skip the rules must see a disguised formula too."""
    lines = lines_with(partner_setup["distributor"], ["plain", "also plain", "\u3000＝1"])
    python, _, database, _ = both_paths(lines, DETAIL_COLUMNS)
    assert database == python
    assert "'\u3000＝1" in customer_names(database)
