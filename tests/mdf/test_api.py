"""The MDF API: quotas, applications (create, update draft, submit, cancel), claims with proof
upload, timelines; tenancy (another partner's object is a 404) and capabilities (403)."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from mdf.models import Application, Proof
from mdf.policies import REQUIRED_PROOF

from .conftest import approved, held, jpeg, upload

pytestmark = pytest.mark.django_db
BASE = "/api/v1/mdf"


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_create_update_submit_and_read_the_timeline(mdf_setup):
    client = api(mdf_setup["sales"])
    year = date.today().year + 1
    created = client.post(
        f"{BASE}/applications/",
        {
            "title": "Partner day",
            "activity_type": "seminar",
            "starts_on": f"{year}-04-07",
            "ends_on": f"{year}-04-07",
            "location": "Beijing",
            "plan": "Talks",
            "agreement_accepted": True,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["status"] == "draft" and created.json()["steps_done"] == 1
    updated = client.patch(
        f"{BASE}/applications/{pk}/",
        {
            "objectives": "Leads",
            "expected_attendance": 80,
            "cost_items": [{"kind": "venue", "amount": "7000.00"}, {"kind": "catering", "amount": "1000.50"}],
        },
        format="json",
    )
    assert updated.status_code == 200 and updated.json()["amount"] == "8000.50"
    submitted = client.post(f"{BASE}/applications/{pk}/submit/", {}, format="json")
    assert submitted.status_code == 200 and submitted.json()["status"] == "under_review"
    assert submitted.json()["changed"] is True
    assert client.post(f"{BASE}/applications/{pk}/submit/", {}, format="json").json()["changed"] is False
    quota = client.get(f"{BASE}/quotas/").json()[0]
    assert (quota["requested"], quota["left"]) == ("8000.50", "91999.50")
    events = client.get(f"{BASE}/applications/{pk}/timeline/").json()
    assert [e["action"] for e in events] == ["create", "submit"]
    cancelled = client.post(f"{BASE}/applications/{pk}/cancel/", {"reason": "Moved"}, format="json")
    assert cancelled.json()["status"] == "cancelled"


def test_quota_exceeded_is_a_409_with_its_code(mdf_setup):
    client = api(mdf_setup["admin"])
    year = date.today().year + 1
    created = client.post(
        f"{BASE}/applications/",
        {
            "title": "Huge expo",
            "activity_type": "exhibition",
            "starts_on": f"{year}-06-01",
            "ends_on": f"{year}-06-03",
            "location": "Shenzhen",
            "plan": "Booth",
            "agreement_accepted": True,
            "objectives": "Brand",
            "cost_items": [{"kind": "venue", "amount": "100000.01"}],
        },
        format="json",
    )
    response = client.post(f"{BASE}/applications/{created.json()['id']}/submit/", {}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "quota_exceeded"


def test_a_claim_with_proof_upload_through_the_api(mdf_setup):
    user = mdf_setup["finance"]
    application = held(approved(mdf_setup["admin"], mdf_setup["operator"]))
    client = api(user)
    claim = client.post(f"{BASE}/claims/", {"application": application.pk}, format="json").json()
    item = application.cost_items.get()
    saved = client.put(
        f"{BASE}/claims/{claim['id']}/",
        {
            "held_starts_on": str(application.starts_on),
            "held_ends_on": str(application.ends_on),
            "attendance": 90,
            "summary": "Done",
            "expenses": [{"cost_item": item.pk, "amount": "29000.00"}],
        },
        format="json",
    )
    assert saved.status_code == 200 and saved.json()["amount"] == "29000.00"
    early = client.post(f"{BASE}/claims/{claim['id']}/submit/")
    assert early.status_code == 400 and early.json()["code"] == "proof_missing"
    for kind in REQUIRED_PROOF:
        response = client.post(
            f"{BASE}/claims/{claim['id']}/proofs/", {"kind": kind, "file": upload()}, format="multipart"
        )
        assert response.status_code == 201, response.json()
    client.post(
        f"{BASE}/claims/{claim['id']}/proofs/",
        {"kind": "cost", "cost_item": item.pk, "file": upload()},
        format="multipart",
    )
    bad = client.post(
        f"{BASE}/claims/{claim['id']}/proofs/",
        {"kind": "topic", "file": upload("a.png", b"#!/bin/sh\nrm -rf /\n")},
        format="multipart",
    )
    assert bad.status_code == 400 and Proof.objects.count() == len(REQUIRED_PROOF) + 1
    done = client.post(f"{BASE}/claims/{claim['id']}/submit/")
    assert done.status_code == 200 and done.json()["status"] == "submitted"
    assert [e["action"] for e in client.get(f"{BASE}/claims/{claim['id']}/timeline/").json()][-2:] == [
        "claim_create",
        "claim_submit",
    ]
    jpeg()


def test_another_partner_gets_404_and_roles_403(mdf_setup):
    application = approved(mdf_setup["admin"], mdf_setup["operator"])
    rival = api(mdf_setup["rival_admin"])
    assert rival.get(f"{BASE}/applications/{application.pk}/").status_code == 404
    assert rival.post(f"{BASE}/applications/{application.pk}/cancel/", {}, format="json").status_code == 404
    assert rival.post(f"{BASE}/claims/", {"application": application.pk}, format="json").status_code == 404
    assert rival.get(f"{BASE}/applications/").json()["count"] == 0
    assert rival.get(f"{BASE}/quotas/").json() == []
    viewer = api(mdf_setup["viewer"])
    assert viewer.get(f"{BASE}/applications/{application.pk}/").status_code == 200
    assert viewer.post(f"{BASE}/applications/{application.pk}/cancel/", {}, format="json").status_code == 403
    assert viewer.post(f"{BASE}/claims/", {"application": application.pk}, format="json").status_code == 403
    finance = api(mdf_setup["finance"])
    year = date.today().year + 1
    response = finance.post(
        f"{BASE}/applications/",
        {
            "title": "x",
            "activity_type": "seminar",
            "starts_on": f"{year}-01-05",
            "ends_on": f"{year}-01-05",
            "location": "x",
            "plan": "x",
            "agreement_accepted": True,
        },
        format="json",
    )
    assert response.status_code == 403 and Application.objects.count() == 1
