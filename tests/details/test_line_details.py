"""Details of one line: every field, the calculation with its rounding, policy, bill, thread."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.details.helpers import API, db_lines

pytestmark = pytest.mark.django_db


def test_details_show_every_field_and_the_calculation(client, world):
    line = next(
        line
        for line in db_lines(world["distributor"], "2026-10")
        if line.revenue == Decimal("53.30") and line.rate == Decimal("0.05") and line.tier2_reseller
    )
    client.force_login(world["viewer"])

    page = client.get(reverse("incentives:detail_line", args=[line.pk]))

    assert page.status_code == 200
    body = page.content.decode()
    for value in (
        line.incentive.incentive_id,
        line.order_id,
        line.customer.name,
        line.customer.account,
        line.product_type,
        "Reseller Co",
        line.account_manager,
        "Pending confirmation",
        "2026-10",
        line.program.name,
        line.program.policy,
    ):
        assert value in body, value
    # 53.30 x 0.050000 = 2.66500000 -> 2.67, with the rule spelled out
    assert "53.30 × rate 0.050000" in body and "= 2.66500000 → <strong>2.67</strong>" in body
    assert "rounded half-up to 0.01 per detail line" in body


def test_api_line_carries_calculation_policy_and_thread(client, world):
    line = db_lines(world["distributor"], "2026-10")[2]  # has answered feedback (see conftest)
    client.force_login(world["admin"])

    body = client.get(f"{API}{line.pk}/").json()

    assert body["calculation"] == {
        "revenue": str(line.revenue),
        "rate": str(line.rate),
        "exact_amount": f"{line.revenue * line.rate:.8f}",
        "amount": str(line.amount),
        "rounding_rule": "revenue × rate, rounded half-up to 0.01 per detail line; totals are exact sums",
    }
    assert body["program_policy"] == line.program.policy and body["bill_status"] == "pending_confirmation"
    assert [m["feedback_status"] for m in body["feedback_thread"]] == ["open", "answered"]
    assert body["feedback_thread"][1]["author"] == "Partner Center operations"


def test_issued_line_shows_its_thread_but_takes_no_more_feedback(client, world):
    line = db_lines(world["distributor"], "2026-09")[2]
    client.force_login(world["admin"])
    body = client.get(reverse("incentives:detail_line", args=[line.pk])).content.decode()
    assert "Issued successfully" in body and "Checked: per policy." in body
    assert "no longer take feedback" in body and 'name="text"' not in body


def test_openapi_schema_is_valid_and_documents_the_details_api(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--file", str(target))
    schema = target.read_text()
    for path in ("/api/v1/details/:", "/api/v1/details/{id}/:", "/api/v1/details/{id}/feedback/:"):
        assert path in schema
    for name in ("total_amount", "customer_name", "account_manager", "reseller", "after"):
        assert name in schema
