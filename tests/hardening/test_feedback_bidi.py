"""Feedback refuses bidirectional control characters (U+202E and the like: text that displays in
another order than it is stored) with a clear message, like control characters, on the page, the
dialog, the API and the operators' reply."""

import pytest

from incentives.models import FeedbackMessage
from incentives.services.feedback import clean_feedback_text
from partner_center.errors import InvalidInput
from tests.details.conftest import operator, world  # noqa: F401 (fixtures)
from tests.details.test_feedback import line, post_api, post_page  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
MESSAGE = "text-direction characters"

BIDI = {
    "right-to-left-override": "invoice \u202eexe.fdp",
    "left-to-right-override": "\u202dabc",
    "right-to-left-embedding": "a\u202bb",
    "left-to-right-embedding": "a\u202ab",
    "pop-directional-formatting": "a\u202cb",
    "right-to-left-isolate": "a\u2067b",
    "left-to-right-isolate": "a\u2066b",
    "first-strong-isolate": "a\u2068b",
    "pop-directional-isolate": "a\u2069b",
    "right-to-left-mark": "a\u200fb",
    "left-to-right-mark": "a\u200eb",
    "arabic-letter-mark": "a\u061cb",
}


@pytest.mark.parametrize("text", BIDI.values(), ids=BIDI.keys())
def test_each_bidirectional_control_is_refused(text):
    with pytest.raises(InvalidInput, match=MESSAGE) as refused:
        clean_feedback_text(text)
    assert refused.value.code == "bidi_characters"


def test_right_to_left_text_itself_is_welcome():
    assert clean_feedback_text("مرحبا — שלום — 你好") == "مرحبا — שלום — 你好"


def test_the_page_dialog_and_api_refuse_it_and_change_nothing(client, world, line):  # noqa: F811
    client.force_login(world["admin"])
    text = "Revenue \u202e01.001 wrong"
    dialog, plain, api = (
        post_page(client, line, text),
        post_page(client, line, text, htmx=False),
        post_api(client, line, text),
    )
    assert dialog.status_code == 422 and MESSAGE in dialog.content.decode()
    assert plain.status_code == 422 and MESSAGE in plain.content.decode()
    assert api.status_code == 400 and MESSAGE in " ".join(api.json()["text"])
    line.refresh_from_db()
    assert line.feedback_status == "" and not FeedbackMessage.objects.filter(line=line).exists()
