"""Pages with actions are never stored (Back shows the fresh status), and a stale OK says what
happened."""

import pytest
from django.urls import reverse

from incentives.models import StatementEvent

pytestmark = pytest.mark.django_db


def pages(bills, line):
    return {
        "overview": "/",
        "summary": "/incentives/summary/",
        "confirm page": reverse("incentives:confirm_bill", args=[bills["distributor"].pk]),
        "details": "/incentives/details/",
        "line": reverse("incentives:detail_line", args=[line.pk]),
        "feedback": reverse("incentives:detail_feedback", args=[line.pk]),
        "export history": "/incentives/exports/",
    }


def test_partner_pages_are_sent_with_no_store(client, partner_setup, bills, line):
    client.force_login(partner_setup["admin"])
    for name, url in pages(bills, line).items():
        for headers in ({}, {"HX-Request": "true"}):  # the page, and its htmx fragment or dialog
            response = client.get(url, headers=headers)
            assert response.status_code == 200, name
            assert "no-store" in response["Cache-Control"], name


def test_the_answer_to_ok_and_a_refusal_are_not_stored_either(client, partner_setup, bills):
    client.force_login(partner_setup["viewer"])
    refused = client.post(reverse("incentives:confirm_bill", args=[bills["distributor"].pk]))
    assert refused.status_code == 403
    client.force_login(partner_setup["admin"])
    confirmed = client.post(reverse("incentives:confirm_bill", args=[bills["distributor"].pk]))
    assert "no-store" in confirmed["Cache-Control"]


def test_the_api_keeps_its_own_caching(client, partner_setup):
    client.force_login(partner_setup["admin"])
    assert "no-store" not in client.get("/api/v1/statements/").get("Cache-Control", "")


def test_a_dialog_opened_on_a_stale_page_shows_the_fresh_status_and_no_ok(client, partner_setup, bills):
    """The Summary was loaded while the bill was Pending; it was confirmed since (another tab)."""
    client.force_login(partner_setup["admin"])
    url = reverse("incentives:confirm_bill", args=[bills["distributor"].pk])
    client.post(url)

    dialog = client.get(url, headers={"HX-Request": "true"}).content.decode()

    assert "Issuing" in dialog
    assert f'hx-post="{url}"' not in dialog  # no OK to press


def test_a_stale_ok_says_the_bill_was_already_confirmed_as_information(client, partner_setup, bills):
    client.force_login(partner_setup["admin"])
    url = reverse("incentives:confirm_bill", args=[bills["distributor"].pk])
    client.post(url, follow=True)  # its success message shown
    events = StatementEvent.objects.count()

    response = client.post(url, headers={"HX-Request": "true"})

    messages = [(m.level_tag, str(m)) for m in response.context["messages"]]
    assert messages == [("info", "The 2026-10 bill was already confirmed; nothing changed.")]
    assert StatementEvent.objects.count() == events


def test_ok_buttons_disable_themselves_while_their_request_runs(client, partner_setup, bills, line):
    client.force_login(partner_setup["admin"])
    url = reverse("incentives:confirm_bill", args=[bills["distributor"].pk])
    dialogs = [
        client.get(url, headers={"HX-Request": "true"}),
        client.get(reverse("incentives:detail_feedback", args=[line.pk]), headers={"HX-Request": "true"}),
    ]
    for dialog in dialogs:
        body = dialog.content.decode()
        assert 'hx-disabled-elt="find button[type=submit]"' in body and 'hx-sync="this:drop"' in body
