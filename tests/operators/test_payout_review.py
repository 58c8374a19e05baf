"""Operators review payouts in the admin: approve, or return to the partner with a reason."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from incentives.models import DetailLine, Statement, StatementStatus
from incentives.services.statements import statement_publish
from tests import factories

S = StatementStatus
pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:incentives_payoutreview_changelist")


def _act(client, action, bills, query="?status=all", **data):
    return client.post(
        QUEUE + query,
        {"action": action, "_selected_action": [b.pk for b in bills], "index": 0, **data},
        follow=True,
    )


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def _refused(messages, bill, status):
    """The bill is named with the service's reason, which names its status."""
    return any(m.startswith(f"{bill}: ") and str(status.label) in m for m in messages)


def _status(statement):
    statement.refresh_from_db()
    return statement.status


def test_queue_shows_issuing_bills_with_total_confirmer_and_open_feedback(
    client, operator, bills, partner_setup
):
    DetailLine.objects.filter(incentive__statement=bills["by_partner"]).update(feedback_status="open")
    client.force_login(operator)

    page = client.get(QUEUE)

    rows = {row.pk: row for row in page.context["cl"].result_list}
    assert set(rows) == {bills["by_partner"].pk, bills["by_system"].pk}
    assert (rows[bills["by_partner"].pk].open_feedback, rows[bills["by_system"].pk].open_feedback) == (1, 0)
    body = page.content.decode()
    assert "CNY 50.00" in body and partner_setup["finance"].username in body and "System" in body
    assert "approve_payout" in body and "return_to_partner" in body


def test_queue_filters_by_status_period_partner_kind_and_program_and_searches_incentive_id(
    client, operator, bills
):
    client.force_login(operator)
    incentive = bills["by_system"].incentives.get()

    def listed(query):
        return {row.pk for row in client.get(QUEUE + query).context["cl"].result_list}

    assert listed("?status=all") == {b.pk for b in bills.values()}
    assert listed("?status=pending_confirmation") == {bills["pending"].pk}
    assert listed("?partner__kind__exact=reseller") == {bills["by_system"].pk}
    assert listed(f"?period__id__exact={bills['pending'].period_id}&status=all") == {
        b.pk for b in bills.values()
    }
    assert listed(f"?program={incentive.program_id}") == {
        bills["by_partner"].pk,
        bills["by_system"].pk,
    }
    assert listed(f"?q={incentive.incentive_id}") == {bills["by_system"].pk}
    assert listed("?q=Distributor") == {bills["by_partner"].pk}


def test_queue_query_count_does_not_grow_with_the_number_of_bills(client, operator, bills):
    client.force_login(operator)
    with CaptureQueriesContext(connection) as few:
        client.get(QUEUE + "?status=all")
    for _ in range(10):
        statement = factories.bill(factories.PartnerFactory())
        statement_publish(statement_id=statement.pk, actor=None)
    with CaptureQueriesContext(connection) as many:
        page = client.get(QUEUE + "?status=all")
    assert len(page.context["cl"].result_list) == 13
    assert len(many) == len(few)


def test_drill_down_from_a_bill_to_its_incentives_and_lines(client, operator, bills):
    client.force_login(operator)
    statement = bills["by_partner"]
    incentive = statement.incentives.get()

    page = client.get(reverse("admin:incentives_payoutreview_change", args=[statement.pk]))

    body = page.content.decode()
    assert page.status_code == 200 and incentive.incentive_id in body
    assert 'name="status"' not in body and "Issuing" in body
    lines_url = reverse("admin:incentives_detailline_changelist") + f"?incentive={incentive.pk}"
    assert lines_url in body
    lines = client.get(lines_url).context["cl"].result_list
    assert [line.pk for line in lines] == list(incentive.lines.values_list("pk", flat=True))


def test_approve_many_bills_reports_what_was_approved_and_why_others_were_refused(client, operator, bills):
    client.force_login(operator)

    response = _act(client, "approve_payout", bills.values())

    assert (_status(bills["by_partner"]), _status(bills["by_system"])) == (S.ISSUED, S.ISSUED)
    assert _status(bills["pending"]) == S.PENDING
    messages = _messages(response)
    assert "2 payouts approved." in messages
    assert _refused(messages, bills["pending"], S.PENDING)
    event = bills["by_system"].events.latest("id")
    assert (event.new_status, event.actor, event.actor_label) == (S.ISSUED, operator, "operator")


def test_approving_an_already_issued_bill_changes_nothing_and_says_so(client, operator, bills):
    client.force_login(operator)
    _act(client, "approve_payout", [bills["by_partner"]])
    events = bills["by_partner"].events.count()

    response = _act(client, "approve_payout", [bills["by_partner"]])

    assert "1 bill was already issued." in _messages(response)
    assert bills["by_partner"].events.count() == events


def test_return_without_a_reason_or_with_a_past_deadline_shows_the_form_and_changes_nothing(
    client, operator, bills
):
    client.force_login(operator)
    future = timezone.localtime() + timedelta(days=5)
    past = timezone.localtime() - timedelta(hours=1)

    form_page = _act(client, "return_to_partner", [bills["by_partner"]])
    no_reason = _act(
        client,
        "return_to_partner",
        [bills["by_partner"]],
        apply="1",
        reason="  ",
        new_deadline=f"{future:%Y-%m-%dT%H:%M}",
    )
    past_deadline = _act(
        client,
        "return_to_partner",
        [bills["by_partner"]],
        apply="1",
        reason="Wrong rate",
        new_deadline=f"{past:%Y-%m-%dT%H:%M}",
    )

    assert form_page.status_code == 200 and 'name="reason"' in form_page.content.decode()
    assert str(bills["by_partner"]) in form_page.content.decode()
    assert "This field is required." in no_reason.content.decode()
    assert "must be in the future" in past_deadline.content.decode()
    assert _status(bills["by_partner"]) == S.ISSUING and bills["by_partner"].events.count() == 2


def test_return_with_a_reason_sends_issuing_bills_back_with_the_new_deadline(client, operator, bills):
    client.force_login(operator)
    deadline = (timezone.localtime() + timedelta(days=5)).replace(second=0, microsecond=0)

    response = _act(
        client,
        "return_to_partner",
        bills.values(),
        apply="1",
        reason="RDS rate was wrong; corrected",
        new_deadline=f"{deadline:%Y-%m-%dT%H:%M}",
    )

    messages = _messages(response)
    assert "2 bills returned to the partner." in messages
    assert "1 bill was already pending confirmation and was left as it is." in messages
    for key in ("by_partner", "by_system"):
        statement = Statement.objects.get(pk=bills[key].pk)
        assert (statement.status, statement.confirmation_deadline) == (S.PENDING, deadline)
        assert statement.confirmed_at is None and statement.confirmed_by is None
        event = statement.events.latest("id")
        assert (event.new_status, event.reason, event.actor) == (
            S.PENDING,
            "RDS rate was wrong; corrected",
            operator,
        )


def test_return_refuses_bills_that_are_not_issuing(client, operator, bills):
    client.force_login(operator)
    estimated = factories.bill(factories.PartnerFactory(name="Late Co"))
    future = timezone.localtime() + timedelta(days=5)

    response = _act(
        client,
        "return_to_partner",
        [estimated],
        apply="1",
        reason="x",
        new_deadline=f"{future:%Y-%m-%dT%H:%M}",
    )

    assert _refused(_messages(response), estimated, S.ESTIMATED)
    assert _status(estimated) == S.ESTIMATED


def test_staff_outside_the_operators_group_is_not_offered_and_cannot_run_the_actions(client, bills):
    staff = factories.UserFactory(username="auditor", is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_payoutreview", "view_statement", "view_incentive"])
    )
    client.force_login(staff)

    page = client.get(QUEUE)
    _act(client, "approve_payout", [bills["by_partner"]])
    _act(
        client,
        "return_to_partner",
        [bills["by_system"]],
        apply="1",
        reason="x",
        new_deadline="2099-01-01T00:00",
    )

    assert page.status_code == 200 and "approve_payout" not in page.content.decode()
    assert (_status(bills["by_partner"]), _status(bills["by_system"])) == (S.ISSUING, S.ISSUING)
    client.force_login(factories.UserFactory(username="intern", is_staff=True))
    assert client.get(QUEUE).status_code == 403


def test_review_queue_never_edits_a_bill(client, operator, bills):
    client.force_login(operator)
    url = reverse("admin:incentives_payoutreview_change", args=[bills["by_partner"].pk])

    response = client.post(url, {"status": S.ISSUED, "total": "1.00"})

    assert response.status_code == 403
    assert _status(bills["by_partner"]) == S.ISSUING


def test_operators_group_may_review_payouts_but_never_edit_bills_or_the_audit_trail(operator):
    assert operator.has_perms(
        ["incentives.review_payout", "incentives.view_payoutreview", "incentives.view_statementevent"]
    )
    for codename in [
        "change_statement",
        "change_payoutreview",
        "delete_payoutreview",
        "change_statementevent",
        "delete_statementevent",
        "change_deadlinereminder",
    ]:
        assert not operator.has_perm(f"incentives.{codename}")
