"""Approve payout and Return to partner from the bill's own admin page (and the bulk messages)."""

from datetime import timedelta

import pytest
from django.contrib import messages as levels
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from incentives.models import Statement, StatementStatus
from incentives.policies import bill_is_under_review
from incentives.services.statements import TRANSITIONS
from tests import factories

S = StatementStatus
pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:incentives_payoutreview_changelist")
ADMINS = ["payoutreview", "statement"]  # the two pages that show a bill


def page(bill, admin="payoutreview"):
    return reverse(f"admin:incentives_{admin}_change", args=[bill.pk])


def approve_url(bill, admin="payoutreview"):
    return reverse(f"admin:incentives_{admin}_approve", args=[bill.pk])


def return_url(bill, admin="payoutreview"):
    return reverse(f"admin:incentives_{admin}_return", args=[bill.pk])


def said(response):
    """(level, text) of each message shown on the page the response ended on."""
    return [(m.level, str(m)) for m in response.context["messages"]]


def future(days=5):
    return (timezone.localtime() + timedelta(days=days)).replace(second=0, microsecond=0)


def returned(client, bill, admin="payoutreview", reason="RDS rate was wrong", deadline=None):
    deadline = deadline or future()
    data = {"reason": reason, "new_deadline": f"{deadline:%Y-%m-%dT%H:%M}"}
    return client.post(return_url(bill, admin), data, follow=True)


def status(bill):
    bill.refresh_from_db()
    return bill.status


def test_under_review_is_exactly_the_state_approve_and_return_start_from():
    assert {TRANSITIONS["approve"][0], TRANSITIONS["return"][0]} == {S.ISSUING}
    for value in S.values:
        assert bill_is_under_review(Statement(status=value)) == (value == S.ISSUING)


@pytest.mark.parametrize("admin", ADMINS)
def test_an_operator_sees_the_buttons_on_a_bill_under_review_only(client, operator, bills, admin):
    client.force_login(operator)

    issuing = client.get(page(bills["by_partner"], admin)).content.decode()
    pending = client.get(page(bills["pending"], admin)).content.decode()

    assert f'action="{approve_url(bills["by_partner"], admin)}"' in issuing
    assert return_url(bills["by_partner"], admin) in issuing and "csrfmiddlewaretoken" in issuing
    assert 'id="payout-review-actions"' not in pending
    assert approve_url(bills["pending"], admin) not in pending


@pytest.mark.parametrize("admin", ADMINS)
def test_staff_without_review_payout_sees_no_buttons_and_gets_403(client, bills, admin):
    auditor = factories.UserFactory(username="auditor", is_staff=True)
    auditor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_payoutreview", "view_statement"])
    )
    client.force_login(auditor)
    bill = bills["by_partner"]

    shown = client.get(page(bill, admin))

    assert shown.status_code == 200 and 'id="payout-review-actions"' not in shown.content.decode()
    assert client.post(approve_url(bill, admin)).status_code == 403
    assert returned(client, bill, admin).status_code == 403
    assert client.get(return_url(bill, admin)).status_code == 403
    assert status(bill) == S.ISSUING and bill.events.count() == 2


def test_partner_users_and_anonymous_never_reach_the_buttons(client, bills, partner_setup):
    bill = bills["by_partner"]
    login = reverse("admin:login")
    assert client.post(approve_url(bill)).url.startswith(login)
    client.force_login(partner_setup["admin"])
    assert client.post(approve_url(bill)).url.startswith(login)
    assert status(bill) == S.ISSUING


@pytest.mark.parametrize("admin", ADMINS)
def test_approve_on_the_page_issues_once_and_a_repeat_is_an_info_no_op(client, operator, bills, admin):
    client.force_login(operator)
    bill = bills["by_partner"]

    first = client.post(approve_url(bill, admin), follow=True)
    events = list(bill.events.all())
    again = client.post(approve_url(bill, admin), follow=True)

    assert first.redirect_chain == [(page(bill, admin), 302)]
    assert said(first) == [(levels.SUCCESS, "1 payout approved.")]
    assert status(bill) == S.ISSUED and len(events) == 3
    assert (events[-1].new_status, events[-1].actor, events[-1].actor_label) == (
        S.ISSUED,
        operator,
        "operator",
    )
    assert said(again) == [(levels.INFO, "1 bill was already issued.")]
    assert list(bill.events.all()) == events
    assert 'id="payout-review-actions"' not in again.content.decode()  # no longer under review


def test_approving_a_pending_bill_is_refused_with_a_warning_and_changes_nothing(client, operator, bills):
    client.force_login(operator)
    bill = bills["pending"]

    response = client.post(approve_url(bill), follow=True)

    ((level, text),) = said(response)
    assert level == levels.WARNING
    assert text.startswith(f"{bill}: ") and str(S.PENDING.label) in text and "approved" in text
    assert status(bill) == S.PENDING and bill.events.count() == 1


def test_approve_only_takes_a_post(client, operator, bills):
    client.force_login(operator)
    assert client.get(approve_url(bills["by_partner"])).status_code == 405
    assert status(bills["by_partner"]) == S.ISSUING


def test_an_unknown_bill_is_a_404(client, operator):
    client.force_login(operator)
    assert client.post(reverse("admin:incentives_payoutreview_approve", args=[999999])).status_code == 404


@pytest.mark.parametrize("admin", ADMINS)
def test_return_on_the_page_asks_reason_and_deadline_then_returns_once(client, operator, bills, admin):
    client.force_login(operator)
    bill, deadline = bills["by_system"], future()

    form = client.get(return_url(bill, admin))
    response = returned(client, bill, admin, deadline=deadline)
    again = returned(client, bill, admin, deadline=deadline)

    body = form.content.decode()
    assert form.status_code == 200 and 'name="reason"' in body and 'name="new_deadline"' in body
    assert f'action="{return_url(bill, admin)}"' in body and 'name="action"' not in body
    assert response.redirect_chain == [(page(bill, admin), 302)]
    assert said(response) == [(levels.SUCCESS, "1 bill returned to the partner.")]
    bill.refresh_from_db()
    assert (bill.status, bill.confirmation_deadline, bill.confirmed_at) == (S.PENDING, deadline, None)
    event = bill.events.latest("id")
    assert (event.new_status, event.reason, event.actor) == (S.PENDING, "RDS rate was wrong", operator)
    assert said(again) == [(levels.INFO, "1 bill was already pending confirmation and was left as it is.")]
    assert bill.events.count() == 3


def test_return_without_reason_or_with_a_past_deadline_shows_the_form_again(client, operator, bills):
    client.force_login(operator)
    bill = bills["by_partner"]

    blank = returned(client, bill, reason="  ")
    past = returned(client, bill, deadline=timezone.localtime() - timedelta(hours=1))

    assert blank.status_code == 200 and "This field is required." in blank.content.decode()
    assert past.status_code == 200 and "must be in the future" in past.content.decode()
    assert status(bill) == S.ISSUING and bill.events.count() == 2


def test_returning_an_estimated_bill_is_refused_with_a_warning(client, operator):
    client.force_login(operator)
    estimated = factories.bill(factories.PartnerFactory(name="Late Co"))

    ((level, text),) = said(returned(client, estimated, admin="statement"))

    assert level == levels.WARNING and text.startswith(f"{estimated}: ")
    assert str(S.ESTIMATED.label) in text
    assert status(estimated) == S.ESTIMATED and not estimated.events.exists()


def test_a_bulk_approval_that_is_all_refused_says_so_without_a_success(client, operator, bills):
    client.force_login(operator)

    response = client.post(
        QUEUE + "?status=all",
        {"action": "approve_payout", "_selected_action": [bills["pending"].pk], "index": 0},
        follow=True,
    )

    messages = said(response)
    assert [level for level, _ in messages] == [levels.WARNING]
    assert not any("0 payouts approved." in text for _, text in messages)
    assert status(bills["pending"]) == S.PENDING


def test_a_mixed_bulk_approval_reports_each_outcome_at_its_level(client, operator, bills):
    client.force_login(operator)
    chosen = [bills["by_partner"].pk, bills["by_system"].pk, bills["pending"].pk]
    client.post(
        QUEUE,
        {"action": "approve_payout", "_selected_action": [bills["by_system"].pk], "index": 0},
    )

    response = client.post(
        QUEUE + "?status=all",
        {"action": "approve_payout", "_selected_action": chosen, "index": 0},
        follow=True,
    )

    levels_said = {level: text for level, text in said(response)}
    assert levels_said[levels.SUCCESS] == "1 payout approved."
    assert levels_said[levels.INFO] == "1 bill was already issued."
    assert levels_said[levels.WARNING].startswith(f"{bills['pending']}: ")


@pytest.mark.parametrize("admin", ADMINS)
def test_the_bill_page_shows_money_in_the_one_display_format(client, operator, admin):
    client.force_login(operator)
    bill = factories.bill(factories.PartnerFactory(name="Big Co"), lines=[("123456.00", "0.0500")])

    body = client.get(page(bill, admin)).content.decode()

    assert "6,172.80" in body  # the incentive inline (the bill's currency is named once)
    if admin == "payoutreview":
        assert "CNY 6,172.80" in body
