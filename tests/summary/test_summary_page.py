from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from incentives.models import StatementEvent
from tests import factories

pytestmark = pytest.mark.django_db
SUMMARY = "/incentives/summary/"


def confirm_url(statement):
    return reverse("incentives:confirm_bill", args=[statement.pk])


def rows(page):
    return [row["incentive_id"] for row in page.context["page"].object_list]


def test_summary_lists_the_partners_incentives_with_their_columns(client, partner_setup, bills):
    client.force_login(partner_setup["admin"])
    page = client.get(SUMMARY)
    body = page.content.decode()
    code = partner_setup["distributor"].code
    # newest period first; the reseller's and the rival's incentives never appear
    assert rows(page) == [f"INC-202611-{code}-RSL", f"INC-202610-{code}-REF", f"INC-202610-{code}-RSL"]
    for text in ("Referral Incentive", "Referral", "160.00", "CNY", "Pending confirmation", "Estimated"):
        assert text in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "pending_confirmation"}, {"REF", "RSL-10"}),
        ({"status": "estimated"}, {"RSL-11"}),
        ({"period": "2026-11"}, {"RSL-11"}),
        ({"program": "REF"}, {"REF"}),
        ({"program": "RSL", "period": "2026-10"}, {"RSL-10"}),
        ({"status": "issued"}, set()),
    ],
)
def test_summary_filters_by_status_period_and_program(client, partner_setup, bills, query, expected):
    names = {
        i.incentive_id: (i.program.code if i.program.code == "REF" else f"RSL-{i.statement.period.code[-2:]}")
        for s in (bills["distributor"], bills["estimated"])
        for i in s.incentives.select_related("program", "statement__period")
    }
    client.force_login(partner_setup["admin"])
    page = client.get(SUMMARY, query)
    assert {names[i] for i in rows(page)} == expected


def test_incentive_id_filter_matches_the_id_or_its_beginning_case_insensitively(client, partner_setup, bills):
    client.force_login(partner_setup["admin"])
    ref = bills["distributor"].incentives.get(program__code="REF").incentive_id
    assert rows(client.get(SUMMARY, {"incentive_id": ref})) == [ref]
    assert len(rows(client.get(SUMMARY, {"incentive_id": "inc-202610"}))) == 2
    assert rows(client.get(SUMMARY, {"incentive_id": "nothing-like-it"})) == []


def test_totals_cover_all_filtered_rows_to_the_cent(client, partner_setup, bills):
    client.force_login(partner_setup["admin"])
    page = client.get(SUMMARY, {"period": "2026-10"})
    (totals,) = page.context["totals"]
    # RSL: 2.67 + 50.00; REF: 160.00
    assert (totals["currency"], totals["count"], totals["total"]) == ("CNY", 2, Decimal("212.67"))
    assert totals["total"] == bills["distributor"].total
    assert "212.67" in page.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"period": "1999-99"}, "Unknown reconciliation period."),
        ({"status": "paid"}, "Unknown status"),
        ({"program": "NOPE"}, "Unknown incentive program."),
    ],
)
def test_bad_filter_values_get_a_clear_message_not_an_error(client, partner_setup, bills, query, message):
    client.force_login(partner_setup["admin"])
    page = client.get(SUMMARY, query)
    assert page.status_code == 200
    assert message in page.content.decode()
    assert rows(page) == []


def test_filters_survive_paging(client, partner_setup):
    partner = partner_setup["distributor"]
    period = factories.PeriodFactory(code="2026-10")
    for number in range(30):
        factories.bill(partner, period, program=factories.ProgramFactory(code=f"P{number:02d}"))
    factories.bill(
        partner, factories.PeriodFactory(code="2026-09"), program=factories.ProgramFactory(code="P00")
    )
    client.force_login(partner_setup["admin"])

    first = client.get(SUMMARY, {"period": "2026-10"})
    second = client.get(SUMMARY, {"period": "2026-10", "page": "2"})

    assert first.context["page"].paginator.num_pages == 2
    assert "period=2026-10&amp;page=2" in first.content.decode()
    assert len(rows(first)) + len(rows(second)) == 30
    assert all("202610" in incentive_id for incentive_id in rows(second))
    past_the_end = client.get(SUMMARY, {"period": "2026-10", "page": "99"})
    assert past_the_end.status_code == 404  # as on Details: a message, no other page instead
    assert "There is no page 99: these results end at page 2." in past_the_end.content.decode()


@pytest.mark.parametrize("role", ["admin", "finance"])
def test_confirm_bill_appears_on_pending_rows_for_admin_and_finance(client, partner_setup, bills, role):
    client.force_login(partner_setup[role])
    body = client.get(SUMMARY).content.decode()
    assert body.count("Confirm Bill") == 2  # the two Pending incentives, not the Estimated one
    assert confirm_url(bills["distributor"]) in body
    assert confirm_url(bills["estimated"]) not in body


@pytest.mark.parametrize("role", ["viewer", "sales"])
def test_viewer_and_sales_see_no_confirm_bill_and_a_forged_post_is_refused(
    client, partner_setup, bills, role
):
    client.force_login(partner_setup[role])
    assert "Confirm Bill" not in client.get(SUMMARY).content.decode()

    response = client.post(confirm_url(bills["distributor"]))

    assert response.status_code == 403
    assert "may not confirm bills" in response.content.decode()
    bills["distributor"].refresh_from_db()
    assert bills["distributor"].status == "pending_confirmation"
    assert not StatementEvent.objects.filter(new_status="issuing").exists()


def test_dialog_shows_period_name_association_amount_and_the_whole_bill(client, partner_setup, bills):
    statement = bills["distributor"]
    ref = statement.incentives.get(program__code="REF")
    client.force_login(partner_setup["finance"])

    dialog = client.get(confirm_url(statement), {"incentive": ref.incentive_id}, HTTP_HX_REQUEST="true")

    body = dialog.content.decode()
    assert "<html" not in body  # a fragment for the dialog
    facts = body.split('data-testid="confirm-facts"')[1].split("</dl>")[0]
    for text in ("2026-10", "Referral Incentive", "Referral", "CNY 160.00"):
        assert text in facts
    for incentive in statement.incentives.all():
        assert incentive.incentive_id in body
    assert "CNY 212.67" in body  # bill total
    assert "open feedback" not in body


def test_dialog_warns_about_open_feedback(client, partner_setup, bills):
    statement = bills["distributor"]
    statement.incentives.first().lines.update(feedback_status="open")
    client.force_login(partner_setup["admin"])
    body = client.get(confirm_url(statement)).content.decode()
    assert "have open feedback" in body or "has open feedback" in body


def test_ok_confirms_the_whole_bill_with_a_plain_post(client, partner_setup, bills):
    statement = bills["distributor"]
    client.force_login(partner_setup["finance"])

    response = client.post(confirm_url(statement), {"next": "status=pending_confirmation"}, follow=True)

    statement.refresh_from_db()
    assert statement.status == "issuing" and statement.confirmed_by == partner_setup["finance"]
    assert response.redirect_chain[-1][0] == f"{SUMMARY}?period=2026-10"
    body = response.content.decode()
    assert "Incentive reconciliation succeeded" in body
    assert body.count('data-testid="status">Issuing</span>') == 2  # both incentives of the bill
    event = StatementEvent.objects.get(statement=statement, new_status="issuing")
    assert event.actor == partner_setup["finance"]


def test_ok_through_htmx_returns_the_refreshed_results_without_a_page(client, partner_setup, bills):
    client.force_login(partner_setup["admin"])
    response = client.post(
        confirm_url(bills["distributor"]), {"next": "status=pending_confirmation"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert 'id="summary-results"' in body and "Incentive reconciliation succeeded" in body
    assert response["HX-Push-Url"] == f"{SUMMARY}?period=2026-10"


def test_confirming_again_is_a_harmless_no_op_that_says_so(client, partner_setup, bills):
    client.force_login(partner_setup["admin"])
    client.post(confirm_url(bills["distributor"]))
    events = StatementEvent.objects.count()

    response = client.post(confirm_url(bills["distributor"]), follow=True)

    assert "already confirmed; nothing changed" in response.content.decode()
    assert StatementEvent.objects.count() == events


def test_confirming_an_estimated_bill_is_refused_with_a_clear_message(client, partner_setup, bills):
    client.force_login(partner_setup["admin"])
    response = client.post(confirm_url(bills["estimated"]), follow=True)
    assert "Only bills that are Pending confirmation can be confirmed; this bill is Estimated." in (
        response.content.decode()
    )
    bills["estimated"].refresh_from_db()
    assert bills["estimated"].status == "estimated"


def test_confirm_post_requires_the_csrf_token(partner_setup, bills):
    client = Client(enforce_csrf_checks=True)
    client.force_login(partner_setup["admin"])
    assert client.post(confirm_url(bills["distributor"])).status_code == 403
    bills["distributor"].refresh_from_db()
    assert bills["distributor"].status == "pending_confirmation"
