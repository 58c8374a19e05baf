from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from incentives.services.statements import statement_approve, statement_confirm, statement_return
from tests import factories

pytestmark = pytest.mark.django_db


def page_of(client, incentive):
    return client.get(reverse("incentives:incentive", args=[incentive.incentive_id]))


def test_incentive_page_shows_status_policy_and_calculation_adding_up_to_the_summary(client, partner_setup):
    period = factories.PeriodFactory(code="2026-10")
    program = factories.ProgramFactory(code="RSL", policy="Pays 5% on ECS.\nPaid monthly.")
    partner = partner_setup["distributor"]
    customer = factories.CustomerFactory(partner=partner)
    statement = factories.bill(
        partner,
        period,
        program=program,
        customer=customer,
        lines=[("53.30", "0.05"), ("53.30", "0.05"), ("100.00", "0.0333")],
    )
    incentive = statement.incentives.get()
    client.force_login(partner_setup["viewer"])

    page = page_of(client, incentive)

    body = page.content.decode()
    assert page.status_code == 200
    assert "Estimated" in body and "Pays 5% on ECS." in body
    rows = {(r.rate, r.lines, r.revenue, r.amount) for r in page.context["calculation"]}
    assert rows == {
        (Decimal("0.050000"), 2, Decimal("106.60"), Decimal("5.34")),
        (Decimal("0.033300"), 1, Decimal("100.00"), Decimal("3.33")),
    }
    assert page.context["lines_total"]["amount"] == incentive.amount == Decimal("8.67")
    assert 'data-testid="calculation-total">CNY 8.67' in body
    assert "rounded half-up to 0.01 per detail line" in body
    summary = client.get("/incentives/summary/").content.decode()
    assert "8.67" in summary


def test_timeline_lists_every_status_change_with_actor_and_return_reason(client, partner_setup, bills):
    statement = bills["distributor"]
    operator = factories.UserFactory(username="ops-anna", is_staff=True)
    statement_confirm(statement_id=statement.pk, actor=None)
    statement_return(
        statement_id=statement.pk,
        actor=operator,
        reason="REF rate corrected",
        new_deadline=timezone.now() + timedelta(days=3),
    )
    statement_confirm(statement_id=statement.pk, actor=partner_setup["finance"])
    statement_approve(statement_id=statement.pk, actor=operator)
    client.force_login(partner_setup["admin"])

    page = page_of(client, statement.incentives.first())

    timeline = page.content.decode().split('data-testid="timeline"')[1].split("</table>")[0]
    assert [(e.new_status, e.actor_label) for e in page.context["events"]] == [
        ("pending_confirmation", "System"),
        ("issuing", "System (deadline passed)"),
        ("pending_confirmation", "ops-anna"),
        ("issuing", partner_setup["finance"].username),
        ("issued", "ops-anna"),
    ]
    assert "System (deadline passed)" in timeline and "REF rate corrected" in timeline
    assert "Issued successfully" in page.content.decode()


def test_unknown_incentive_id_is_a_404(client, partner_setup):
    client.force_login(partner_setup["admin"])
    assert client.get(reverse("incentives:incentive", args=["INC-000000-X-Y"])).status_code == 404
