"""Operators answer partners' feedback in the Django admin; partners see the answer."""

import re

import pytest
from django.urls import reverse

from incentives.models import FeedbackMessage
from incentives.services.feedback import feedback_add, feedback_reply
from partner_center.errors import Forbidden
from tests import factories
from tests.details.helpers import API, DETAILS, db_lines

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:incentives_feedbackline_changelist"


def change_url(line):
    return reverse("admin:incentives_feedbackline_change", args=[line.pk])


def admin_post(client, line, **data):
    form = client.get(change_url(line)).content.decode()
    management = dict(re.findall(r'name="(feedback_messages-[A-Z_]+)" value="(\d+)"', form))
    return client.post(change_url(line), {**management, **data})


@pytest.fixture
def asked(client, world):
    """A 2026-10 line on which the partner's admin just wrote feedback through the page."""
    line = next(line for line in db_lines(world["distributor"], "2026-10") if not line.feedback_status)
    client.force_login(world["admin"])
    response = client.post(
        reverse("incentives:detail_feedback", args=[line.pk]), {"text": "Rate should be 8%?"}
    )
    assert response.status_code == 302
    return line


def test_operator_reply_round_trip(client, world, operator, asked):
    # given: the operator filters the open feedback
    client.force_login(operator)
    listing = client.get(reverse(CHANGELIST), {"feedback_status__exact": "open"})
    assert listing.status_code == 200 and asked in listing.context["cl"].result_list
    page = client.get(change_url(asked)).content.decode()
    assert "Rate should be 8%?" in page and 'name="reply"' in page

    # when: the operator answers it
    response = admin_post(
        client, asked, reply="ECS under RSL pays 5%; see the policy.", new_status="answered"
    )

    # then: the line is answered, the thread and the admin log record who and when
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.feedback_status == "answered"
    reply = FeedbackMessage.objects.filter(line=asked).last()
    assert (reply.author, reply.author_kind, reply.status) == (operator, "operator", "answered")
    open_now = client.get(reverse(CHANGELIST), {"feedback_status__exact": "open"})
    assert asked not in open_now.context["cl"].result_list

    # and the partner sees the reply and the status on the line, its details and the API
    client.force_login(world["viewer"])
    listed = client.get(DETAILS, {"feedback": "answered", "order_id": asked.order_id})
    assert [line.pk for line in listed.context["page"].rows] == [asked.pk]
    row = listed.content.decode()
    assert "Answered" in row and "Reply: ECS under RSL pays 5%; see the policy." in row
    listed_api = client.get(API, {"feedback": "answered", "order_id": asked.order_id}).json()["results"]
    assert [(r["feedback"], r["feedback_reply"]) for r in listed_api] == [
        ("Rate should be 8%?", "ECS under RSL pays 5%; see the policy.")
    ]
    details = client.get(reverse("incentives:detail_line", args=[asked.pk])).content.decode()
    assert "ECS under RSL pays 5%; see the policy." in details and "Partner Center operations" in details
    assert operator.username not in details
    thread = client.get(f"{API}{asked.pk}/").json()["feedback_thread"]
    assert [(m["author_kind"], m["feedback_status"]) for m in thread] == [
        ("partner", "open"),
        ("operator", "answered"),
    ]

    # finally the operator resolves it without more text
    client.force_login(operator)
    assert admin_post(client, asked, reply="", new_status="resolved").status_code == 302
    asked.refresh_from_db()
    assert asked.feedback_status == "resolved"


def test_answering_needs_text_and_text_is_validated(client, operator, asked):
    client.force_login(operator)
    empty = admin_post(client, asked, reply="  ", new_status="answered")
    control = admin_post(client, asked, reply="bad \x1b text", new_status="answered")
    assert empty.status_code == 200 and "cannot be empty" in empty.content.decode()
    assert control.status_code == 200 and "control characters" in control.content.decode()
    asked.refresh_from_db()
    assert asked.feedback_status == "open" and FeedbackMessage.objects.filter(line=asked).count() == 1


def test_partner_writing_again_reopens_answered_feedback(world, operator, asked):
    feedback_reply(line_id=asked.pk, actor=operator, text="Answered.", status="answered")
    line = feedback_add(line_id=asked.pk, actor=world["finance"], text="Still wrong, please re-check.")
    assert (line.feedback_status, line.feedback, line.feedback_reply) == (
        "open",
        "Still wrong, please re-check.",
        "",
    )
    assert list(FeedbackMessage.objects.filter(line=asked).values_list("status", flat=True)) == [
        "open",
        "answered",
        "open",
    ]


def test_only_operators_reply(client, world, asked):
    intern = factories.UserFactory(username="intern", is_staff=True)
    client.force_login(intern)
    assert client.get(reverse(CHANGELIST)).status_code == 403
    assert client.post(change_url(asked), {"reply": "hi", "new_status": "answered"}).status_code == 403
    with pytest.raises(Forbidden):
        feedback_reply(line_id=asked.pk, actor=world["admin"], text="self-answer", status="resolved")
    asked.refresh_from_db()
    assert asked.feedback_status == "open"


def test_lines_without_feedback_are_not_in_the_operators_list(client, world, operator):
    quiet = next(line for line in db_lines(world["distributor"], "2026-11") if not line.feedback_status)
    client.force_login(operator)
    assert client.get(change_url(quiet)).status_code == 302  # "doesn't exist" redirect of the admin
    assert quiet not in client.get(reverse(CHANGELIST)).context["cl"].result_list
