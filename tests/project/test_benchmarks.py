"""The page benchmarks stay runnable: tiny sizes, every reference request and page answered 200."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from incentives.models import DetailLine, Incentive

pytestmark = pytest.mark.django_db
REFERENCES = (
    "login page",
    "signed-in, empty response",
    "signed-in shell (empty page)",
    "change-password page",
)


def timed_rows(output):
    """{label: (p50, p95)} of the report's "<label>  1.2 ms  1.5 ms" lines."""
    rows = re.findall(r"^(.+?)\s+(\d+\.\d) ms\s+(\d+\.\d) ms", output, re.MULTILINE)
    return {label.strip(): (float(p50), float(p95)) for label, p50, p95 in rows}


def test_bench_summary_times_the_pages_next_to_the_reference_requests():
    out = StringIO()

    call_command("bench_summary", incentives=200, lines=600, runs=3, stdout=out)

    rows = timed_rows(out.getvalue())
    assert set(REFERENCES) <= set(rows)
    assert {
        "Summary, first page",
        "incentive page (random incentives)",
        "API GET /api/v1/incentives/",
    } <= set(rows)
    assert all(0 < p50 <= p95 for p50, p95 in rows.values())
    assert Incentive.objects.filter(statement__partner__code="BENCH").count() == 200
    assert DetailLine.objects.filter(partner__code="BENCH").count() == 600


def test_bench_details_times_every_filter_after_seed_demo():
    call_command("seed_demo", details=400, stdout=StringIO())
    out = StringIO()

    call_command("bench_details", runs=3, warmup=1, api=True, stdout=out)

    report = out.getvalue()
    for label in (*REFERENCES, "period only", "customer_name", "order_id prefix", "account_manager"):
        assert re.search(rf"^{re.escape(label)}\s", report, re.MULTILINE), label


def test_bench_customers_times_resources_renewals_and_company_search_beside_the_shell(settings):
    settings.ROOT_URLCONF = "benchmarks.urls"
    out = StringIO()

    size = {"customers": 30, "companies": 60}
    call_command("bench_customers", **size, resources=200, runs=2, warmup=1, stdout=out)
    call_command("bench_customers", **size, resources=250, runs=1, warmup=0, stdout=StringIO())

    text = out.getvalue()
    labels = {line[:38].strip() for line in text.splitlines() if re.search(r"\d+\.\d\dx\s*$", line)}
    assert set(REFERENCES) <= labels
    assert {
        "customer page (renewals, vouchers)",
        "customer's renewals due in 30 days",
        "resources API first page",
        "resources API deep page (90%)",
        "search 云帆 (Chinese part)",
        "company page",
    } <= labels
    from customers.models import Resource

    resources = Resource.objects.filter(partner__code="BC001")
    assert resources.count() == 250  # topped up, not seeded again
    assert resources.values("customer").distinct().count() == 30
    assert resources.filter(billing_mode="yearly_monthly", expiry__isnull=False).exists()
    assert "200 resources of the bench partner" in text
