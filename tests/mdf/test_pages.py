"""The partner pages: the three steps with a draft saved at each, submit with its warnings,
the claim with uploads, and the tenant and capability matrix."""

from datetime import date

import pytest
from django.urls import reverse

from mdf.models import Application, ApplicationStatus, Proof

from .conftest import approved, claim_ready, draft, held, jpeg, upload

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)  # django-axes wants a request to sign in with a password
    return client


def test_three_steps_save_a_draft_each_and_submit(client, mdf_setup):
    signed_in(client, mdf_setup["sales"])
    year = date.today().year + 1
    response = client.post(
        reverse("mdf:apply"),
        {
            "title": "Cloud day Hangzhou",
            "activity_type": "seminar",
            "starts_on": f"{year}-05-11",
            "ends_on": f"{year}-05-11",
            "location": "Hangzhou",
            "plan": "Talks and demos",
            "agreement_accepted": "on",
        },
    )
    application = Application.objects.get()
    assert response.url == reverse("mdf:step", args=[application.pk, 2])
    assert application.status == ApplicationStatus.DRAFT and application.steps_done == 1
    client.post(
        response.url, {"objectives": "50 leads", "expected_attendance": "120", "expected_leads": "50"}
    )
    response = client.post(
        reverse("mdf:step", args=[application.pk, 3]), {"amount_venue": "12000", "amount_catering": "3000.50"}
    )
    assert response.url == reverse("mdf:application", args=[application.pk])
    page = client.get(response.url).content.decode()
    assert "15,000.50" in page and "Submit for review" in page
    client.post(reverse("mdf:submit", args=[application.pk]), {})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.UNDER_REVIEW
    assert "Under review" in client.get(reverse("mdf:overview")).content.decode()


def test_a_likely_duplicate_warns_before_submitting(client, mdf_setup):
    user = mdf_setup["admin"]
    draft(user, title="Cloud summit Shanghai 2027")
    second = draft(user, title="Cloud Summit Shanghai")
    signed_in(client, user)
    assert "duplicate-warning" in client.get(reverse("mdf:application", args=[second.pk])).content.decode()
    response = client.post(reverse("mdf:submit", args=[second.pk]), {})
    assert response.status_code == 409 and "similar application" in response.content.decode()
    client.post(reverse("mdf:submit", args=[second.pk]), {"confirm_duplicate": "on"})
    second.refresh_from_db()
    assert second.status == ApplicationStatus.UNDER_REVIEW


def test_the_claim_page_uploads_and_shows_the_checklist(client, mdf_setup):
    user = mdf_setup["admin"]
    application = held(approved(user, mdf_setup["operator"]))
    signed_in(client, user)
    client.post(reverse("mdf:claim_start", args=[application.pk]))
    claim = (
        application.claim
        if hasattr(application, "claim")
        else Application.objects.get(pk=application.pk).claim
    )
    response = client.post(
        reverse("mdf:proof_upload", args=[claim.pk]), {"kind": "topic", "file": upload("t.jpg")}
    )
    assert response.status_code == 302
    page = client.get(reverse("mdf:claim", args=[application.pk])).content.decode()
    assert "✓ Photo: activity topic" in page and "✗ Sign-in sheet" in page
    refused = client.post(
        reverse("mdf:proof_upload", args=[claim.pk]),
        {"kind": "topic", "file": upload("x.jpg", b"MZ\x90\x00" * 10)},
    )
    assert refused.status_code == 400 and "neither a readable image" in refused.content.decode()
    assert Proof.objects.count() == 1


def test_another_partner_gets_404_everywhere(client, mdf_setup):
    application = approved(mdf_setup["admin"], mdf_setup["operator"])
    claim = claim_ready(mdf_setup["admin"], application)
    proof = Proof.objects.filter(claim=claim).first()
    signed_in(client, mdf_setup["rival_admin"])
    for url in (
        reverse("mdf:application", args=[application.pk]),
        reverse("mdf:step", args=[application.pk, 1]),
        reverse("mdf:claim", args=[application.pk]),
        reverse("mdf:proof_file", args=[proof.pk]),
        reverse("mdf:proof_thumbnail", args=[proof.pk]),
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("mdf:submit", args=[application.pk]),
        reverse("mdf:claim_submit", args=[claim.pk]),
        reverse("mdf:proof_remove", args=[proof.pk]),
    ):
        assert client.post(url).status_code == 404, url
    assert str(application.number) not in client.get(reverse("mdf:overview")).content.decode()


def test_proof_files_are_served_only_through_the_authorised_view(client, mdf_setup):
    application = approved(mdf_setup["admin"], mdf_setup["operator"])
    claim = claim_ready(mdf_setup["admin"], application)
    proof = Proof.objects.filter(claim=claim).first()
    assert client.get(reverse("mdf:proof_file", args=[proof.pk])).status_code in (302, 401, 403)
    signed_in(client, mdf_setup["viewer"])  # the partner's own viewer may look
    response = client.get(reverse("mdf:proof_file", args=[proof.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("finance", 403)])
def test_roles_without_apply_mdf_cannot_apply(client, mdf_setup, role, status):
    application = draft(mdf_setup["admin"])
    signed_in(client, mdf_setup[role])
    page = client.get(reverse("mdf:application", args=[application.pk])).content.decode()
    assert "Submit for review" not in page
    assert client.post(reverse("mdf:submit", args=[application.pk])).status_code == status
    assert client.post(reverse("mdf:apply"), {"title": "x"}).status_code in (400, 403)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_the_menu_links_mdf(client, mdf_setup):
    signed_in(client, mdf_setup["viewer"])
    assert reverse("mdf:overview") in client.get("/").content.decode()
    assert client.get(reverse("mdf:overview")).status_code == 200
    jpeg()  # the fixture helper stays importable
