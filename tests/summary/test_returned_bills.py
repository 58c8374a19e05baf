"""A bill operations returned stands out: a badge on the Summary and the overview, and a banner
with the reason, who returned it, when and the new deadline on the bill (Confirm Bill, incentive)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from incentives.models import StatementEvent
from incentives.selectors.statements import bill_return, bill_returns
from incentives.services.statements import statement_confirm, statement_return
from partner_center.formatting import local_time
from tests import factories

pytestmark = pytest.mark.django_db
REASON = "REF rate corrected to 8% <b>after</b> audit"
ESCAPED = "REF rate corrected to 8% &lt;b&gt;after&lt;/b&gt; audit"
BADGE = 'data-testid="returned-badge"'


@pytest.fixture
def returned(partner_setup, bills):
    statement = bills["distributor"]
    operator = factories.UserFactory(username="ops-anna", is_staff=True)
    statement_confirm(statement_id=statement.pk, actor=partner_setup["finance"])
    new_deadline = timezone.now() + timedelta(days=5)
    statement_return(statement_id=statement.pk, actor=operator, reason=REASON, new_deadline=new_deadline)
    statement.refresh_from_db()
    return statement


def test_the_selector_finds_only_bills_whose_latest_event_is_a_return(returned, bills):
    assert bill_return(returned).reason == REASON
    assert bill_return(bills["reseller"]) is None  # pending, never returned
    assert bill_return(bills["estimated"]) is None
    assert set(bill_returns([returned, bills["reseller"], bills["estimated"]])) == {returned.pk}


def test_confirmed_again_the_bill_is_no_longer_returned(returned, partner_setup):
    statement_confirm(statement_id=returned.pk, actor=partner_setup["admin"])
    returned.refresh_from_db()
    assert bill_return(returned) is None


def test_summary_and_overview_badge_the_returned_bill_only(client, partner_setup, returned, bills):
    client.force_login(partner_setup["viewer"])
    summary = client.get(reverse("incentives:summary")).content.decode()
    rows = summary.split("<tr data-incentive=")[1:]
    assert len(rows) == 3  # two incentives of the returned bill, one of the Estimated bill
    badged = [row for row in rows if BADGE in row]
    assert len(badged) == 2 and all("2026-10" in row for row in badged)
    assert "Returned by operations" in summary

    home = client.get("/").content.decode()
    bills_table = home.split('data-testid="bills"')[1]
    assert bills_table.count(BADGE) == 1
    assert 'data-testid="todo-returned"' in home and ESCAPED in home


def test_the_bill_shows_the_reason_who_when_and_the_new_deadline(client, partner_setup, returned):
    event = StatementEvent.objects.filter(statement=returned).latest("created_at", "id")
    client.force_login(partner_setup["admin"])
    url = reverse("incentives:confirm_bill", args=[returned.pk])
    pages = {
        "dialog": client.get(url, HTTP_HX_REQUEST="true").content.decode(),
        "page": client.get(url).content.decode(),
        "incentive": client.get(
            reverse("incentives:incentive", args=[returned.incentives.first().incentive_id])
        ).content.decode(),
    }
    for name, body in pages.items():
        banner = body.split('data-testid="returned-banner"', 1)[1].split("</div>", 1)[0]
        assert ESCAPED in banner, name  # the operator's text, escaped
        assert "ops-anna" in banner, name
        assert local_time(event.created_at) in banner, name
        assert local_time(returned.confirmation_deadline) in banner, name


def test_a_pending_bill_never_returned_has_no_banner(client, partner_setup, bills):
    client.force_login(partner_setup["admin"])
    body = client.get(reverse("incentives:confirm_bill", args=[bills["distributor"].pk])).content.decode()
    assert "returned-banner" not in body


def test_the_summary_asks_for_returns_in_one_query_a_page(client, partner_setup, returned):
    client.force_login(partner_setup["admin"])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("incentives:summary")).status_code == 200
    assert len([q for q in queries if "incentives_statementevent" in q["sql"]]) == 1
