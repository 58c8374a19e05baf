"""The admin index counts what waits for the operators, each count a link to its list."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from incentives.models import DetailLine, Statement, StatementStatus
from incentives.services.feedback import feedback_add
from tests import factories

pytestmark = pytest.mark.django_db
INDEX = reverse("admin:index")


@pytest.fixture
def open_feedback(bills):
    """Two open threads on another partner's bill, one line left without feedback."""
    partner = factories.PartnerFactory(name="Feedback Co")
    extra = factories.bill(partner, lines=[("10.00", "0.0500")] * 3)
    lines = list(extra.incentives.get().lines.order_by("id"))
    finance = factories.member(partner, "finance")
    for line in lines[:2]:
        feedback_add(line_id=line.pk, actor=finance, text="Please check")
    return lines[:2]


def waiting(response):
    return {item.label: item for item in response.context["waiting"]}


def test_the_index_counts_bills_to_review_and_feedback_to_answer_as_the_database_does(
    client, operator, bills, open_feedback
):
    client.force_login(operator)

    response = client.get(INDEX)

    shown = waiting(response)
    issuing = Statement.objects.filter(status=StatementStatus.ISSUING).count()
    open_count = DetailLine.objects.filter(feedback_status="open").count()
    assert (issuing, open_count) == (2, 2)
    assert shown["Bills waiting for payout review"].count == issuing
    assert shown["Feedback waiting for a reply"].count == open_count
    body = response.content.decode()
    assert 'id="waiting-for-operators"' in body
    for item in shown.values():
        assert f'href="{item.url}"' in body


def test_each_count_links_to_the_list_it_counts(client, operator, bills, open_feedback):
    client.force_login(operator)
    shown = waiting(client.get(INDEX))

    bills_listed = client.get(shown["Bills waiting for payout review"].url).context["cl"]
    feedback_listed = client.get(shown["Feedback waiting for a reply"].url).context["cl"]

    assert bills_listed.result_count == shown["Bills waiting for payout review"].count
    assert {b.pk for b in bills_listed.result_list} == {bills["by_partner"].pk, bills["by_system"].pk}
    assert feedback_listed.result_count == 2
    assert {line.pk for line in feedback_listed.result_list} == {line.pk for line in open_feedback}


def test_the_counts_follow_the_database_and_cost_one_query_each(client, operator, bills, open_feedback):
    client.force_login(operator)
    client.get(INDEX)
    Statement.objects.filter(pk=bills["pending"].pk).update(status=StatementStatus.ISSUING)
    DetailLine.objects.filter(pk=open_feedback[0].pk).update(feedback_status="answered")

    with CaptureQueriesContext(connection) as queries:
        shown = waiting(client.get(INDEX))

    assert shown["Bills waiting for payout review"].count == 3
    assert shown["Feedback waiting for a reply"].count == 1
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 2


def test_staff_see_only_the_counts_of_lists_they_may_open(client, bills):
    auditor = factories.UserFactory(username="auditor", is_staff=True)
    auditor.user_permissions.add(Permission.objects.get(codename="view_payoutreview"))
    client.force_login(auditor)
    assert list(waiting(client.get(INDEX))) == ["Bills waiting for payout review"]

    client.force_login(factories.UserFactory(username="intern", is_staff=True))
    response = client.get(INDEX)
    assert response.context["waiting"] == [] and 'id="waiting-for-operators"' not in response.content.decode()
