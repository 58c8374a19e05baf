"""The API: invoiceable orders with their total, create, list with filters, detail with timeline,
cancel, sign, return and download; the tenant and role matrix (403 by role, 404 for another
partner's request), 409 on a state conflict."""

import pytest
from rest_framework.test import APIClient

from invoices.models import InvoiceRequestStatus as S
from invoices.services.invoice_issue import invoice_request_issue, invoice_request_mail
from invoices.services.invoice_requests import transition

from .conftest import request_for

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_invoiceable_lists_the_basis_orders_with_their_total(orders):
    body = api(orders["viewer"]).get("/api/v1/invoiceable/", {"basis": "period", "period": "2026-10"}).json()
    assert [row["order_id"] for row in body["results"]] == ["ORD-1001", "ORD-1002", "ORD-1003"]
    assert body["total"] == "1393.34" and body["frozen"] is False
    request_for(orders, "ORD-1001")
    body = api(orders["viewer"]).get("/api/v1/invoiceable/", {"basis": "period", "period": "2026-10"}).json()
    assert body["total"] == "333.34"


def test_invoiceable_needs_a_complete_basis(orders):
    answer = api(orders["viewer"]).get("/api/v1/invoiceable/", {"basis": "customer", "period": "2026-10"})
    assert answer.status_code == 400 and "customer" in answer.json()["detail"]


def test_create_list_detail_and_cancel(orders):
    client = api(orders["finance"])
    created = client.post(
        "/api/v1/invoice-requests/",
        {"basis": "customer", "period": "2026-10", "customer_id": orders["acme"].pk, "kind": "special",
         "medium": "electronic"},
        format="json",
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["status"] == "pending_review" and body["total"] == "1393.33" and body["tax_amount"] == "78.87"
    assert [row["order_id"] for row in body["orders"]] == ["ORD-1001", "ORD-1002"]
    assert body["actions"] == ["cancel"]
    assert [
        row["id"] for row in client.get("/api/v1/invoice-requests/?status=pending_review").json()["results"]
    ] == [body["id"]]
    assert client.get("/api/v1/invoice-requests/?status=issued").json()["results"] == []
    assert len(client.get("/api/v1/invoice-requests/?period=2026-10&kind=special").json()["results"]) == 1
    assert client.get("/api/v1/invoice-requests/?period=2026-11").json()["results"] == []
    cancelled = client.post(f"/api/v1/invoice-requests/{body['id']}/cancel/", {}, format="json").json()
    assert cancelled["status"] == "cancelled" and cancelled["changed"] is True
    detail = client.get(f"/api/v1/invoice-requests/{body['id']}/").json()
    assert [event["action"] for event in detail["timeline"]] == ["submit", "cancel"]
    again = client.post(f"/api/v1/invoice-requests/{body['id']}/cancel/", {}, format="json").json()
    assert again["changed"] is False


def test_a_state_conflict_is_a_409(orders):
    request = request_for(orders, "ORD-1001")
    answer = api(orders["finance"]).post(f"/api/v1/invoice-requests/{request.pk}/sign/", {}, format="json")
    assert answer.status_code == 409 and request.number in answer.json()["detail"]


def test_a_hold_is_a_409_with_its_reason(orders):
    from django.utils import timezone

    from invoices.models import Hold

    Hold.objects.create(
        partner=orders["distributor"], reason="Arrears of 2026-09", since=timezone.localdate()
    )
    answer = api(orders["admin"]).post(
        "/api/v1/invoice-requests/",
        {"basis": "orders", "order_ids": ["ORD-1001"], "kind": "ordinary", "medium": "paper"},
        format="json",
    )
    assert answer.status_code == 409 and "Arrears of 2026-09" in answer.json()["detail"]


def test_sign_return_and_download(orders, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    paper = request_for(orders, "ORD-1001", medium="paper")
    transition(request_id=paper.pk, action="approve", actor=orders["admin"])
    invoice_request_mail(
        request_id=paper.pk, actor=orders["admin"], carrier="SF Express", tracking_number="SF1"
    )
    client = api(orders["finance"])
    signed = client.post(f"/api/v1/invoice-requests/{paper.pk}/sign/", {}, format="json").json()
    assert signed["status"] == S.ISSUED and signed["tracking_number"] == "SF1"
    refused = client.post(f"/api/v1/invoice-requests/{paper.pk}/return/", {"reason": ""}, format="json")
    assert refused.status_code == 400
    returned = client.post(
        f"/api/v1/invoice-requests/{paper.pk}/return/", {"reason": "wrong title"}, format="json"
    )
    assert returned.json()["status"] == S.RETURNING
    assert client.get(f"/api/v1/invoice-requests/{paper.pk}/invoice/").status_code == 404  # paper: no file
    electronic = request_for(orders, "ORD-1002")
    transition(request_id=electronic.pk, action="approve", actor=orders["admin"])
    invoice_request_issue(request_id=electronic.pk, actor=orders["admin"])
    pdf = client.get(f"/api/v1/invoice-requests/{electronic.pk}/invoice/")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("role", "read", "write", "act"),
    [("admin", 200, 201, 200), ("finance", 200, 201, 200), ("sales", 200, 403, 403),
     ("viewer", 200, 403, 403), ("rival_admin", 404, 400, 404), ("reseller_admin", 404, 400, 404)],
)  # fmt: skip
def test_tenant_and_role_matrix(orders, role, read, write, act):
    own = request_for(orders, "ORD-1101")
    client = api(orders[role])
    assert client.get(f"/api/v1/invoice-requests/{own.pk}/").status_code == read
    listed = [row["id"] for row in client.get("/api/v1/invoice-requests/").json()["results"]]
    assert (own.pk in listed) == (read == 200)
    created = client.post(
        "/api/v1/invoice-requests/",
        {"basis": "orders", "order_ids": ["ORD-1001"], "kind": "ordinary", "medium": "paper"},
        format="json",
    )
    # another partner cannot name the distributor's orders (they are not its own: 400, no profile)
    assert created.status_code == write
    assert client.post(f"/api/v1/invoice-requests/{own.pk}/cancel/", {}, format="json").status_code == act


def test_anonymous_is_refused(orders):
    assert APIClient().get("/api/v1/invoice-requests/").status_code in (401, 403)
