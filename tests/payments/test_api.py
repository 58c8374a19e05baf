"""The API: payable, create, list with filters, detail with items, invoices and timeline,
cancel, invoice upload; 403 by role, 404 for another partner, 409 for a state conflict."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from invoices.models import PaymentRequest, PaymentStatus
from invoices.services.payments import payment_accept

from .conftest import amount, ids
from .test_invoices import PDF

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_payable_lists_own_incentives_with_the_freeze_state(payable):
    body = api(payable["viewer"]).get("/api/v1/payable/").json()
    assert body["frozen"] is False
    assert {row["incentive_id"] for row in body["results"]} == set(
        ids(payable, "2026-08-RSL", "2026-08-REF", "2026-09-REF")
    )


def test_create_list_detail_and_cancel(payable):
    client = api(payable["finance"])
    chosen = ids(payable, "2026-08-RSL", "2026-08-REF")
    created = client.post(
        "/api/v1/payment-requests/", {"incentive_ids": chosen, "option": "top_up"}, format="json"
    )
    assert created.status_code == 201
    body = created.json()
    assert (
        body["status"] == "submitted" and body["total"] == f"{amount(payable, '2026-08-RSL', '2026-08-REF')}"
    )
    assert sorted(item["incentive_id"] for item in body["items"]) == sorted(chosen)
    assert [event["action"] for event in body["timeline"]] == ["submit"]
    again = client.post(
        "/api/v1/payment-requests/", {"incentive_ids": chosen, "option": "coupons"}, format="json"
    )
    assert again.status_code == 409 and body["number"] in again.json()["detail"]
    listed = client.get("/api/v1/payment-requests/?status=submitted").json()
    assert [row["id"] for row in listed["results"]] == [body["id"]]
    assert client.get("/api/v1/payment-requests/?status=paid").json()["results"] == []
    cancelled = client.post(f"/api/v1/payment-requests/{body['id']}/cancel/")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert client.post(f"/api/v1/payment-requests/{body['id']}/cancel/").json()["changed"] is False


def test_invoice_upload_and_conflicts(payable, payee):
    client = api(payable["admin"])
    body = client.post(
        "/api/v1/payment-requests/",
        {"incentive_ids": ids(payable, "2026-09-REF"), "option": "bank_transfer"},
        format="json",
    ).json()
    data = {
        "number": "INV-API-1",
        "issued_on": "2026-10-09",
        "amount": body["total"],
        "tax_amount": "9.06",
        "submit": True,
    }
    upload = SimpleUploadedFile("i.pdf", PDF, content_type="application/pdf")
    url = f"/api/v1/payment-requests/{body['id']}/invoices/"
    assert (
        client.post(url, {**data, "file": upload}, format="multipart").status_code == 409
    )  # not awaiting yet
    payment_accept(request_id=body["id"], actor=None)
    upload.seek(0)
    done = client.post(url, {**data, "file": upload}, format="multipart")
    assert done.status_code == 201 and done.json()["status"] == PaymentStatus.INVOICE_REVIEW
    assert done.json()["invoices"][0]["number"] == "INV-API-1"
    assert client.post(f"/api/v1/payment-requests/{body['id']}/cancel/").status_code == 409


@pytest.mark.parametrize("role", ["sales", "viewer"])
def test_roles_without_the_capability_get_403(payable, role):
    client = api(payable[role])
    response = client.post(
        "/api/v1/payment-requests/",
        {"incentive_ids": ids(payable, "2026-08-RSL"), "option": "top_up"},
        format="json",
    )
    assert response.status_code == 403 and not PaymentRequest.objects.exists()


@pytest.mark.parametrize("user", ["rival_admin", "reseller_admin"])
def test_another_partners_request_is_a_404(payable, user):
    body = (
        api(payable["admin"])
        .post(
            "/api/v1/payment-requests/",
            {"incentive_ids": ids(payable, "2026-08-RSL"), "option": "top_up"},
            format="json",
        )
        .json()
    )
    client = api(payable[user])
    assert client.get(f"/api/v1/payment-requests/{body['id']}/").status_code == 404
    assert client.post(f"/api/v1/payment-requests/{body['id']}/cancel/").status_code == 404
    assert client.post(f"/api/v1/payment-requests/{body['id']}/invoices/", {}).status_code == 404
    assert client.get("/api/v1/payment-requests/").json()["results"] == []
    assert PaymentRequest.objects.get().status == PaymentStatus.SUBMITTED
