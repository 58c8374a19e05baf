"""The Summary pages through bills by their counts: every page must equal the same slice of the
plainly sorted incentives, whatever the bill sizes, filters and page boundaries."""

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Count, Sum
from rest_framework.test import APIClient

from incentives.models import Incentive, Statement
from incentives.selectors.summary import SummaryRows, summary_query
from incentives.services.figures import incentive_get_or_create
from incentives.services.statements import statement_publish
from tests import factories

pytestmark = pytest.mark.django_db

BILL_SIZES = {"2026-07": 7, "2026-08": 1, "2026-09": 12, "2026-10": 5}


@pytest.fixture
def bills_of_many_sizes(partner_setup):
    """Four bills of 7, 1, 12 and 5 incentives (programs P00..P11), two published; and the rival's."""
    partner = partner_setup["distributor"]
    programs = [factories.ProgramFactory(code=f"P{n:02d}", name=f"Program {n:02d}") for n in range(12)]
    for code, size in BILL_SIZES.items():
        year, month = map(int, code.split("-"))
        period = factories.PeriodFactory(code=code, start=date(year, month, 1), end=date(year, month, 28))
        for number, program in enumerate(programs[:size]):
            factories.bill(partner, period, program=program, lines=[(f"{100 + number}.10", "0.05")])
        factories.bill(partner_setup["rival"], period, program=programs[0])
    for statement in Statement.objects.filter(partner=partner, period__code__in=["2026-08", "2026-10"]):
        statement_publish(statement_id=statement.pk, actor=None)
    return partner


def expected(partner, **filters):
    return list(
        Incentive.objects.filter(statement__partner=partner, **filters)
        .order_by("-statement__period__code", "incentive_id")
        .values_list("incentive_id", flat=True)
    )


@pytest.mark.parametrize(
    ("chosen", "filters"),
    [
        ({}, {}),
        ({"status": "estimated"}, {"statement__status": "estimated"}),
        ({"status": "pending_confirmation"}, {"statement__status": "pending_confirmation"}),
        ({"period": "2026-09"}, {"statement__period__code": "2026-09"}),
        ({"program": "P03"}, {"program__code": "P03"}),
        ({"incentive_id": "inc-202609"}, {"incentive_id__istartswith": "INC-202609"}),
        (
            {"program": "P00", "status": "estimated"},
            {"program__code": "P00", "statement__status": "estimated"},
        ),
    ],
)
@pytest.mark.parametrize("page_size", [1, 4, 5, 25])
def test_every_page_is_the_same_slice_of_the_sorted_incentives(
    partner_setup, bills_of_many_sizes, chosen, filters, page_size
):
    partner = bills_of_many_sizes
    filterset, rows = summary_query(partner_setup["admin"], chosen)
    assert filterset.is_valid(), filterset.errors
    everything = expected(partner, **filters)

    paged = []
    for start in range(0, rows.count() + page_size, page_size):
        paged.extend(row["incentive_id"] for row in rows[start : start + page_size])

    assert rows.count() == len(everything)
    assert paged == everything


def test_count_and_totals_equal_the_database_per_filter(partner_setup, bills_of_many_sizes):
    partner = bills_of_many_sizes
    program = factories.ProgramFactory(code="P01")
    for chosen, filters in [
        ({}, {}),
        ({"status": "estimated"}, {"statement__status": "estimated"}),
        ({"program": program.code}, {"program": program}),
    ]:
        rows = summary_query(partner_setup["admin"], chosen)[1]
        truth = Incentive.objects.filter(statement__partner=partner, **filters).aggregate(
            count=Count("pk"), total=Sum("amount")
        )
        assert rows.totals() == [{"currency": "CNY", "count": truth["count"], "total": truth["total"]}]


def test_a_bill_knows_how_many_incentives_it_has(partner_setup, bills_of_many_sizes):
    counts = dict(
        Statement.objects.filter(partner=bills_of_many_sizes)
        .annotate(n=Count("incentives"))
        .values_list("period__code", "n")
    )
    stored = dict(
        Statement.objects.filter(partner=bills_of_many_sizes).values_list("period__code", "incentive_count")
    )
    assert stored == counts == BILL_SIZES


def test_rows_carry_what_the_page_shows(partner_setup, bills_of_many_sizes):
    (row,) = summary_query(partner_setup["admin"], {"period": "2026-08"})[1][0:25]
    assert row["incentive_id"].startswith("INC-202608-")
    assert (row["program_name"], row["association_type"], row["amount"]) == (
        "Program 00",
        "resale",
        Decimal("5.01"),
    )
    assert (row["bill"].period, row["bill"].status) == ("2026-08", "pending_confirmation")


def test_no_rows_for_no_bills_and_only_slices_are_supported():
    rows = SummaryRows.empty()
    assert (rows.count(), rows.totals(), rows[0:25]) == (0, [], [])
    with pytest.raises(TypeError):
        rows[3]


def test_the_api_lists_the_same_rows_in_the_same_order(partner_setup, bills_of_many_sizes):
    client = APIClient()
    client.force_authenticate(partner_setup["admin"])

    listing = client.get("/api/v1/incentives/").json()
    filtered = client.get(
        "/api/v1/incentives/", {"status": "estimated", "incentive_id": "INC-2026-09"}
    ).json()

    assert listing["count"] == sum(BILL_SIZES.values())
    assert [row["incentive_id"] for row in listing["results"]] == expected(bills_of_many_sizes)
    first = listing["results"][0]
    assert (first["period"], first["status"], first["status_display"]) == (
        "2026-10",
        "pending_confirmation",
        "Pending confirmation",
    )
    assert filtered["count"] == 0
    assert client.get("/api/v1/incentives/", {"page": 2}).status_code == 404


def test_adding_an_existing_incentive_again_does_not_count_it_twice(partner_setup):
    statement = factories.bill(partner_setup["distributor"], program=factories.ProgramFactory(code="RSL"))
    again = incentive_get_or_create(statement=statement, program=factories.ProgramFactory(code="RSL"))
    other = incentive_get_or_create(statement=statement, program=factories.ProgramFactory(code="REF"))
    statement.refresh_from_db()
    assert again.statement_id == other.statement_id == statement.pk
    assert statement.incentive_count == statement.incentives.count() == 2


def test_a_filter_declared_on_the_filterset_filters_the_rows_without_more_code(
    partner_setup, bills_of_many_sizes, monkeypatch
):
    """The FilterSet is the only place a Summary filter is written: one added there (on the bill
    or on the incentive) changes the page's and the API's rows, counts and totals."""
    import django_filters

    from incentives.filters import summary as summary_filters

    class WithMoreFilters(summary_filters.IncentiveFilter):
        min_amount = django_filters.NumberFilter(field_name="amount", lookup_expr="gte")
        total_at_least = django_filters.NumberFilter(field_name="statement__total", lookup_expr="gte")

    monkeypatch.setattr("incentives.selectors.summary.IncentiveFilter", WithMoreFilters)
    partner = bills_of_many_sizes

    rows = summary_query(partner_setup["admin"], {"min_amount": "5.50"})[1]
    assert [row["incentive_id"] for row in rows[0:100]] == expected(partner, amount__gte=Decimal("5.50"))
    assert rows.totals()[0]["count"] == len(expected(partner, amount__gte=Decimal("5.50")))

    big_bills = summary_query(partner_setup["admin"], {"total_at_least": "30"})[1]
    assert [row["incentive_id"] for row in big_bills[0:100]] == expected(partner, statement__total__gte=30)
