"""The operators' Line feedback list: text and reply shown, what waits for a reply first."""

import pytest
from django.urls import reverse

from incentives.models import FeedbackLine
from incentives.services.feedback import feedback_add, feedback_reply
from tests import factories

pytestmark = pytest.mark.django_db
LIST = reverse("admin:incentives_feedbackline_changelist")
LONG = "Rate <b>should</b> be 8% " + "and the ECS line is missing " * 10


@pytest.fixture
def threads(partner_setup, operator):
    """Five lines: open (oldest), answered, open (long, newest open), resolved, and no feedback."""
    bill = factories.bill(partner_setup["distributor"], lines=[("100.00", "0.0500")] * 5)
    first, answered, newest, resolved, quiet = bill.incentives.get().lines.order_by("id")
    finance = partner_setup["finance"]
    feedback_add(line_id=first.pk, actor=finance, text="Where is order 42?")
    feedback_add(line_id=answered.pk, actor=finance, text="Why 5%?")
    feedback_add(line_id=resolved.pk, actor=finance, text="Duplicate order")
    feedback_add(line_id=newest.pk, actor=finance, text=LONG)
    feedback_reply(line_id=answered.pk, actor=operator, text="RSL pays 5% on ECS.", status="answered")
    feedback_reply(line_id=resolved.pk, actor=operator, text="", status="resolved")
    return {"first": first, "answered": answered, "newest": newest, "resolved": resolved, "quiet": quiet}


def listed(client, query=None):
    return [line.pk for line in client.get(LIST, query or {}).context["cl"].result_list]


def test_open_feedback_comes_first_newest_first_then_the_rest_newest_first(client, operator, threads):
    client.force_login(operator)

    order = listed(client)

    t = threads
    assert order[:2] == [t["newest"].pk, t["first"].pk]
    rest = FeedbackLine.objects.filter(pk__in=order[2:]).order_by("-feedback_at", "-id")
    assert order[2:] == [line.pk for line in rest] == [t["resolved"].pk, t["answered"].pk]
    assert t["quiet"].pk not in order


def test_the_status_filter_still_shows_each_status_and_all(client, operator, threads):
    client.force_login(operator)
    t = threads

    assert listed(client, {"feedback_status__exact": "open"}) == [t["newest"].pk, t["first"].pk]
    assert listed(client, {"feedback_status__exact": "answered"}) == [t["answered"].pk]
    assert len(listed(client, {})) == 4


def test_the_list_shows_the_feedback_shortened_and_escaped_and_the_reply(client, operator, threads):
    client.force_login(operator)

    response = client.get(LIST)

    body = response.content.decode()
    headers = [str(h["text"]) for h in response.context["result_headers"]]
    assert "feedback" in headers and "reply" in headers
    assert "Where is order 42?" in body and "RSL pays 5% on ECS." in body
    assert "Rate &lt;b&gt;should&lt;/b&gt; be 8%" in body and "<b>should</b>" not in body
    assert LONG.strip() not in body and "…" in body
    shown = next(row for row in response.context["cl"].result_list if row.pk == threads["newest"].pk)
    cell = response.context["cl"].model_admin.feedback_text(shown)
    assert len(cell) <= 80 and cell.endswith("…")
