"""A request whose session ended: the sign-in page with the page as `next` (htmx: HX-Redirect),
nothing changed, and a message that says so on the sign-in page and again once signed in."""

from urllib.parse import quote

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

from incentives.models import ExportJob, FeedbackMessage, StatementEvent
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
SUMMARY = "/incentives/summary/?status=pending_confirmation"
LOGIN = "/accounts/login/"
NOT_CONFIRMED = "Your session had ended; the bill was not confirmed. Sign in and try again."


def confirm_url(statement):
    return reverse("incentives:confirm_bill", args=[statement.pk])


def ended(client, user):
    """Signed in, then signed out (as from another tab): the page still shows the old session."""
    client.force_login(user)
    client.logout()


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


def test_htmx_ok_after_the_session_ended_leads_to_sign_in_and_confirms_nothing(
    client, partner_setup, bills, htmx_from
):
    ended(client, partner_setup["admin"])
    events = StatementEvent.objects.count()

    response = client.post(
        confirm_url(bills["distributor"]), {"next": "status=pending_confirmation"}, headers=htmx_from(SUMMARY)
    )

    assert response.status_code == 200 and response.content == b""  # nothing swapped into the page
    assert response["HX-Redirect"] == f"{LOGIN}?next={quote(SUMMARY, safe='/')}"
    bills["distributor"].refresh_from_db()
    assert bills["distributor"].status == "pending_confirmation"
    assert StatementEvent.objects.count() == events

    sign_in_page = client.get(response["HX-Redirect"])
    assert NOT_CONFIRMED in sign_in_page.content.decode()
    assert sign_in_page.context["next"] == SUMMARY

    signed_in = client.post(
        response["HX-Redirect"],
        {"username": partner_setup["admin"].username, "password": PASSWORD, "next": SUMMARY},
        follow=True,
    )
    assert signed_in.redirect_chain == [(SUMMARY, 302)]
    assert "The bill was not confirmed because your session had ended." in signed_in.content.decode()
    bills["distributor"].refresh_from_db()
    assert bills["distributor"].status == "pending_confirmation"
    # said once: the next page is quiet
    assert "session had ended" not in client.get(SUMMARY).content.decode()


def test_a_session_deleted_on_the_server_counts_as_ended(client, partner_setup, bills, htmx_from):
    client.force_login(partner_setup["admin"])
    Session.objects.all().delete()
    cache.clear()  # the cached_db engine reads the cache first

    response = client.post(confirm_url(bills["distributor"]), headers=htmx_from(SUMMARY))

    assert response["HX-Redirect"].startswith(f"{LOGIN}?next=")
    bills["distributor"].refresh_from_db()
    assert bills["distributor"].status == "pending_confirmation"


@pytest.mark.parametrize(
    "current",
    ["http://evil.example/incentives/summary/", "javascript:alert(1)", "", "//evil.example/incentives/"],
)
def test_next_is_only_ever_a_page_of_this_site(client, partner_setup, bills, current):
    ended(client, partner_setup["admin"])
    headers = {"HX-Request": "true", "HX-Current-URL": current}
    response = client.post(confirm_url(bills["distributor"]), headers=headers)
    assert response["HX-Redirect"] == f"{LOGIN}?next=/"


def test_a_search_after_the_session_ended_leads_to_sign_in_too(client, partner_setup, bills, htmx_from):
    ended(client, partner_setup["admin"])
    response = client.get("/incentives/summary/", {"status": "issuing"}, headers=htmx_from(SUMMARY))
    assert response["HX-Redirect"] == f"{LOGIN}?next={quote(SUMMARY, safe='/')}"
    page = client.get(response["HX-Redirect"]).content.decode()
    assert "Your session had ended. Sign in to continue." in page


def test_feedback_after_the_session_ended_is_not_saved_and_says_so(client, partner_setup, line, htmx_from):
    ended(client, partner_setup["admin"])
    details = f"/incentives/details/?period={line.incentive.statement.period.code}"
    url = reverse("incentives:detail_feedback", args=[line.pk])
    response = client.post(url, {"text": "Rate looks wrong"}, headers=htmx_from(details))
    assert response["HX-Redirect"] == f"{LOGIN}?next={quote(details, safe='/')}"
    assert not FeedbackMessage.objects.exists()
    page = client.get(response["HX-Redirect"]).content.decode()
    assert "Your session had ended; your feedback was not saved. Sign in and try again." in page


def test_a_plain_post_after_the_session_ended_comes_back_to_its_page_not_to_the_post_url(
    client, partner_setup, bills
):
    """Export History's form posts to exports/new/, which only takes POST: `next` is the page."""
    ended(client, partner_setup["admin"])
    response = client.post(
        reverse("incentives:export_new"),
        {"method": "period", "period": "2026-10"},
        headers={"Referer": "http://testserver/incentives/exports/"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/incentives/exports/"
    assert not ExportJob.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Your session had ended; no export was requested. Sign in and try again." in page


def test_a_plain_page_still_redirects_to_sign_in_as_before(client, bills):
    response = client.get(SUMMARY)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={quote(SUMMARY, safe='/')}"
    assert "session had ended" not in client.get(response["Location"]).content.decode()


def test_the_api_still_answers_401_json(bills):
    response = APIClient().post(f"/api/v1/statements/{bills['distributor'].pk}/confirm/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert "HX-Redirect" not in response


def test_the_message_is_in_the_partners_language(client, partner_setup, bills, htmx_from):
    ended(client, partner_setup["admin"])
    headers = htmx_from(SUMMARY) | {"Accept-Language": "zh-Hans"}
    response = client.post(confirm_url(bills["distributor"]), headers=headers)
    page = client.get(response["HX-Redirect"], headers={"Accept-Language": "zh-Hans"}).content.decode()
    assert "您的会话已结束，账单未确认。请登录后重试。" in page
