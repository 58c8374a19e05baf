"""Writing feedback on a line: validation, escaping, who may, which bills, and what it records."""

import pytest
from django.urls import reverse

from incentives.models import DetailLine, FeedbackMessage, LineTotal
from incentives.services.feedback import feedback_add
from tests.details.helpers import API, DETAILS, db_lines

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def line(world):
    """A 2026-10 line (Pending confirmation) without feedback yet, of a customer of the sales user."""
    lines = db_lines(world["distributor"], "2026-10")
    return next(line for line in lines if not line.feedback_status and line.account_manager == "Li Wei")


def feedback_url(line):
    return reverse("incentives:detail_feedback", args=[line.pk])


def post_page(client, line, text, htmx=True):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(feedback_url(line), {"text": text, "next": DETAILS}, headers=headers)


def post_api(client, line, text):
    return client.post(f"{API}{line.pk}/feedback/", {"text": text}, content_type="application/json")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "cannot be empty"),
        ("   \n\t  ", "cannot be empty"),
        ("x" * 2001, "at most 2000 characters (it has 2001)"),
        ("bell \x07 here", "control characters"),
        ("escape \x1b[31m red", "control characters"),
        ("\x0bleading vertical tab", "control characters"),
        ("c1 \x85 next line", "control characters"),
    ],
    ids=["empty", "blank", "too-long", "bell", "escape", "vertical-tab", "c1-control"],
)
def test_invalid_feedback_is_refused_with_a_message_and_changes_nothing(client, world, line, text, message):
    client.force_login(world["admin"])

    dialog = post_page(client, line, text)
    plain = post_page(client, line, text, htmx=False)
    api = post_api(client, line, text)

    assert dialog.status_code == 422 and message in dialog.content.decode()
    assert 'data-testid="feedback-dialog"' in dialog.content.decode()  # the dialog stays open
    assert plain.status_code == 422 and message in plain.content.decode()
    assert api.status_code == 400 and message in " ".join(api.json()["text"])
    line.refresh_from_db()
    assert line.feedback_status == "" and not FeedbackMessage.objects.filter(line=line).exists()


def test_feedback_is_trimmed_keeps_line_breaks_and_accepts_exactly_2000_characters(world, line):
    body = "first line\nsecond\tline" + "y" * (2000 - 22)
    saved = feedback_add(
        line_id=line.pk, actor=world["sales"], text="  " + body.replace("\n", "\r\n") + " \n"
    )
    assert saved.feedback == body and len(body) == 2000


def test_saving_records_author_and_time_and_the_line_shows_it_at_once(client, world, line):
    client.force_login(world["sales"])

    response = post_page(client, line, "  Revenue of this order looks doubled.  ")

    assert response.status_code == 200
    body = response.content.decode()
    # the answer replaces the line's row in place (htmx out-of-band) and closes the dialog
    assert f'<tr id="line-{line.pk}" hx-swap-oob="true"' in body and "<dialog" not in body
    assert "Open" in body and "Revenue of this order looks doubled." in body
    message = FeedbackMessage.objects.get(line=line)
    assert (message.author, message.author_label, message.author_kind) == (
        world["sales"],
        world["sales"].username,
        "partner",
    )
    assert message.text == "Revenue of this order looks doubled." and message.status == "open"
    assert message.created_at is not None
    line.refresh_from_db()
    assert (line.feedback_status, line.feedback) == ("open", message.text)
    assert line.feedback_at == pytest.approx(
        message.created_at, abs=__import__("datetime").timedelta(seconds=5)
    )
    listed = client.get(DETAILS, {"feedback": "open", "order_id": line.order_id})
    assert [row.pk for row in listed.context["page"].rows] == [line.pk]


def test_html_and_script_in_feedback_are_shown_escaped_everywhere(client, world, line):
    client.force_login(world["admin"])
    post_page(client, line, SCRIPT)

    pages = [
        post_page(client, line, SCRIPT + " again"),  # htmx answer with the new row
        client.get(DETAILS, {"order_id": line.order_id}),
        client.get(reverse("incentives:detail_line", args=[line.pk])),
    ]
    for page in pages:
        body = page.content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    api = client.get(f"{API}{line.pk}/").json()
    assert api["feedback_thread"][0]["text"] == SCRIPT  # JSON carries the text as data
    assert client.get(f"{API}{line.pk}/")["Content-Type"] == "application/json"


def test_plain_form_post_without_javascript_redirects_back_with_a_message(client, world, line):
    client.force_login(world["finance"])
    form = client.get(feedback_url(line), {"next": f"{DETAILS}?period=2026-10"})
    assert form.status_code == 200 and 'name="text"' in form.content.decode()

    response = client.post(
        feedback_url(line), {"text": "Please recheck.", "next": f"{DETAILS}?period=2026-10"}
    )

    assert response.status_code == 302 and response.url == f"{DETAILS}?period=2026-10"
    followed = client.get(response.url)
    assert "Feedback saved" in followed.content.decode()
    line.refresh_from_db()
    assert line.feedback_status == "open"


def test_next_never_redirects_off_site(client, world, line):
    client.force_login(world["admin"])
    response = client.post(feedback_url(line), {"text": "ok", "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == reverse("incentives:detail_line", args=[line.pk])


def test_the_same_feedback_sent_twice_is_recorded_once(client, world, line):
    client.force_login(world["admin"])
    assert post_api(client, line, "Double click").status_code == 201
    assert post_api(client, line, " Double click ").status_code == 201
    assert FeedbackMessage.objects.filter(line=line).count() == 1
    assert post_api(client, line, "Another point").status_code == 201
    assert FeedbackMessage.objects.filter(line=line).count() == 2


def test_api_feedback_returns_the_line_with_its_thread(client, world, line):
    client.force_login(world["admin"])
    response = post_api(client, line, "Customer is not ours.")
    assert response.status_code == 201
    body = response.json()
    assert body["id"] == line.pk and body["feedback_status"] == "open"
    assert [(m["author"], m["text"], m["feedback_status"]) for m in body["feedback_thread"]] == [
        (world["admin"].username, "Customer is not ours.", "open")
    ]


def test_feedback_on_an_issued_bill_is_refused_clearly(client, world):
    issued = db_lines(world["distributor"], "2026-09")[-1]
    client.force_login(world["admin"])

    dialog = client.get(feedback_url(issued), headers={"HX-Request": "true"})
    page = post_page(client, issued, "Too late?", htmx=False)
    api = post_api(client, issued, "Too late?")

    message = "The bill of 2026-09 is already issued; its lines no longer take feedback."
    assert dialog.status_code == 409 and message in dialog.content.decode()
    assert page.status_code == 409 and message in page.content.decode()
    assert api.status_code == 409 and api.json() == {"detail": message}
    assert not FeedbackMessage.objects.filter(line=issued).exists()
    listed = client.get(DETAILS, {"period": "2026-09", "order_id": issued.order_id}).content.decode()
    assert "no longer take feedback" in listed  # the Feedback operation is shown disabled


def test_viewers_may_read_but_not_write_feedback(client, world, line):
    client.force_login(world["viewer"])

    assert client.get(reverse("incentives:detail_line", args=[line.pk])).status_code == 200
    dialog = client.get(feedback_url(line), headers={"HX-Request": "true"})
    page = post_page(client, line, "I am only a viewer", htmx=False)
    api = post_api(client, line, "I am only a viewer")

    assert dialog.status_code == 403 and "Viewers cannot write feedback" in dialog.content.decode()
    assert page.status_code == 403 and "Viewers cannot write feedback" in page.content.decode()
    assert api.status_code == 403 and "Viewers cannot write feedback" in api.json()["detail"]
    assert not FeedbackMessage.objects.filter(line=line).exists()


def test_feedback_moves_the_line_between_the_feedback_totals(client, world, line):
    client.force_login(world["admin"])
    before = client.get(API, {"feedback": "open"}).json()
    without_before = client.get(API, {"feedback": "without"}).json()

    post_api(client, line, "Moves one line")

    after = client.get(API, {"feedback": "open"}).json()
    without_after = client.get(API, {"feedback": "without"}).json()
    assert after["count"] == before["count"] + 1
    assert float(after["total_amount"]) == pytest.approx(float(before["total_amount"]) + float(line.amount))
    assert without_after["count"] == without_before["count"] - 1
    assert LineTotal.objects.filter(feedback_status="open", period__code="2026-10").exists()
    assert DetailLine.objects.get(pk=line.pk).feedback_status == "open"
