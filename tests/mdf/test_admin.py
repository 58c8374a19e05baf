"""The reviewers' admin: application and claim pages with their decision buttons (calling the
services), the claim beside its application, the proof gallery and the required-proof checklist."""

import pytest
from django.urls import reverse

from incentives.operators import ensure_operators_group
from mdf.models import Application, ApplicationStatus, Claim, ClaimStatus, Proof
from mdf.services import claims
from tests import factories

from .conftest import approved, claim_ready, quota_for, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(db):
    user = factories.UserFactory(username="mdf-reviewer", is_staff=True)
    user.groups.add(ensure_operators_group())
    return user


def decide(client, model, pk, action, reason=""):
    return client.post(reverse(f"admin:mdf_{model}_decide", args=[pk]), {"action": action, "reason": reason})


def test_a_reviewer_approves_returns_and_rejects_applications(client, mdf_setup, reviewer):
    client.force_login(reviewer)
    first, second, third = (
        submitted(mdf_setup["admin"], title=t) for t in ("Alpha fair", "Beta roadshow", "Gamma day")
    )
    page = client.get(reverse("admin:mdf_application_change", args=[first.pk])).content.decode()
    assert 'value="approve"' in page and 'value="reject"' in page and "Left" in page
    decide(client, "application", first.pk, "approve")
    response = decide(client, "application", second.pk, "return", "")  # a reason is required
    assert Application.objects.get(pk=second.pk).status == ApplicationStatus.UNDER_REVIEW
    decide(client, "application", second.pk, "return", "Add the venue contract")
    decide(client, "application", third.pk, "reject", "Not a marketing activity")
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "approved", second.pk: "returned", third.pk: "rejected"}
    again = client.get(reverse("admin:mdf_application_change", args=[first.pk])).content.decode()
    assert 'value="approve"' not in again  # decided: no buttons
    assert response.status_code == 302


def test_the_claim_page_shows_the_application_gallery_and_checklist(client, mdf_setup, reviewer):
    application = approved(
        mdf_setup["admin"], mdf_setup["operator"], items=[("venue", "9000"), ("catering", "1000")]
    )
    claim = claim_ready(mdf_setup["admin"], application)
    Proof.objects.filter(claim=claim, kind="sign_in").delete()
    client.force_login(reviewer)
    page = client.get(reverse("admin:mdf_claim_change", args=[claim.pk])).content.decode()
    assert application.number in page and "9,000.00" in page
    assert "✗ <strong>missing</strong> Sign-in sheet" in page and "✓ Photo: vendor logo or banner" in page
    proof = Proof.objects.filter(claim=claim).first()
    assert reverse("admin:mdf_claim_proof", args=[proof.pk]) in page
    response = client.get(reverse("admin:mdf_claim_proof", args=[proof.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"


def test_a_claim_goes_to_paid_through_the_buttons(client, mdf_setup, reviewer):
    application = approved(mdf_setup["admin"], mdf_setup["operator"])
    claim = claim_ready(mdf_setup["admin"], application)
    claims.claim_submit(claim_id=claim.pk, actor=mdf_setup["admin"])
    client.force_login(reviewer)
    for action, status in [("start_review", "under_review"), ("approve", "approved"), ("pay", "paid")]:
        decide(client, "claim", claim.pk, action)
        assert Claim.objects.get(pk=claim.pk).status == status
    decide(client, "claim", claim.pk, "pay")  # a repeat is a no-op
    assert claim.events.filter(action="claim_pay").count() == 1
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.PAID


def test_staff_without_review_permission_get_403(client, mdf_setup):
    application = submitted(mdf_setup["admin"])
    staff = factories.UserFactory(username="plain-staff", is_staff=True)
    client.force_login(staff)
    assert decide(client, "application", application.pk, "approve").status_code == 403
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.UNDER_REVIEW


def test_a_reviewer_grants_a_quota(client, reviewer, partner_setup):
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:mdf_quota_add"),
        {
            "partner": partner_setup["rival"].pk,
            "year": "2027",
            "span": "h1",
            "amount": "80000.00",
            "currency": "CNY",
        },
    )
    assert response.status_code == 302
    quota = partner_setup["rival"].mdf_quotas.get()
    assert str(quota.starts_on) == "2027-01-01" and str(quota.ends_on) == "2027-06-30"
    quota_for(partner_setup["reseller"])
    assert "80,000.00" in client.get(reverse("admin:mdf_quota_changelist")).content.decode()
