"""The pages and the API: tenancy (another partner's voucher is a 404), the capability matrix,
issue and recall through both, the log's filters, and its export into Export History."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from incentives.models import ExportJob
from incentives.services.exports import export_run
from vouchers.models import OperationRecord, Voucher

from .conftest import issued, quota_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def until(days=30):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_the_quota_page_shows_used_recalled_and_remaining(client, vouchers_setup):
    s = vouchers_setup
    voucher = issued(s["admin"], s["quota"], s["customer"], "300.00")
    issued(s["admin"], s["quota"], s["customer"], "100.00")
    client.force_login(s["admin"])
    client.post(f"/vouchers/{voucher.number}/recall/", {"reason": "by mistake"})
    body = client.get("/vouchers/").content.decode()
    assert "VQTEST1" in body and voucher.number in body
    assert "100.00</td>" in body  # used: 400 issued, 300 returned
    assert "300.00</td>" in body and "900.00</td>" in body


def test_issue_and_recall_through_the_pages(client, vouchers_setup):
    s = vouchers_setup
    client.force_login(s["sales"])
    response = client.post(
        "/vouchers/issue/",
        {
            "quota": s["quota"].pk,
            "customer": s["customer"].pk,
            "amount": "88.80",
            "valid_until": until(),
            "product_scope": "ecs",
        },
        follow=True,
    )
    voucher = Voucher.objects.get()
    assert f"Voucher {voucher.number} issued." in response.content.decode()
    assert (voucher.amount, voucher.product_scope) == (Decimal("88.80"), "ECS")
    page = client.post(f"/vouchers/{voucher.number}/recall/", follow=True).content.decode()
    assert "returned to quota VQTEST1" in page and "Manual recall" in page and "Issue" in page


def test_a_refused_issue_on_the_page_says_why(client, vouchers_setup):
    s = vouchers_setup
    client.force_login(s["admin"])
    response = client.post(
        "/vouchers/issue/",
        {"quota": s["quota"].pk, "customer": s["customer"].pk, "amount": "5000", "valid_until": until()},
        follow=True,
    )
    assert response.status_code == 400 and "is less than" in response.content.decode()
    assert OperationRecord.objects.get().result == "failed"


@pytest.mark.parametrize(
    ("role", "quotas", "issue", "recall", "export"),
    [
        ("admin", 200, 200, 302, 302),
        ("finance", 200, 403, 403, 302),
        ("sales", 200, 200, 302, 403),
        ("viewer", 200, 403, 403, 403),
    ],
)
def test_the_capability_matrix_on_the_pages(client, vouchers_setup, role, quotas, issue, recall, export):
    s = vouchers_setup
    voucher = issued(s["admin"], s["quota"], s["customer"])
    client.force_login(s[role])
    assert client.get("/vouchers/").status_code == quotas
    assert client.get("/vouchers/records/").status_code == quotas
    assert client.get("/vouchers/issue/").status_code == issue
    assert client.post(f"/vouchers/{voucher.number}/recall/").status_code == recall
    assert client.post("/vouchers/records/export/", {"file_format": "csv"}).status_code == export


def test_another_partners_voucher_is_a_404_everywhere(client, vouchers_setup):
    s = vouchers_setup
    voucher = issued(s["admin"], s["quota"], s["customer"])
    rival = s["rival_admin"]
    client.force_login(rival)
    assert client.get(f"/vouchers/{voucher.number}/").status_code == 404
    assert client.post(f"/vouchers/{voucher.number}/recall/").status_code == 404
    assert voucher.number not in client.get("/vouchers/records/").content.decode()
    assert api(rival).get(f"/api/v1/vouchers/vouchers/{voucher.number}/").status_code == 404
    assert api(rival).post(f"/api/v1/vouchers/vouchers/{voucher.number}/recall/").status_code == 404
    assert api(rival).get("/api/v1/vouchers/records/").json()["count"] == 0
    answer = api(rival).post(
        "/api/v1/vouchers/vouchers/",
        {"quota": s["quota"].pk, "customer": s["customer"].pk, "amount": "1", "valid_until": until()},
    )
    assert answer.status_code == 404
    assert Voucher.objects.get().status == "active"


def test_the_api_issues_refuses_and_recalls(vouchers_setup):
    s = vouchers_setup
    body = {"quota": s["quota"].pk, "customer": s["customer"].pk, "amount": "600.00", "valid_until": until()}
    made = api(s["admin"]).post("/api/v1/vouchers/vouchers/", body, format="json")
    assert made.status_code == 201
    short = api(s["admin"]).post("/api/v1/vouchers/vouchers/", body, format="json")
    assert short.status_code == 409 and "remaining amount" in short.json()["detail"]
    assert api(s["finance"]).post("/api/v1/vouchers/vouchers/", body, format="json").status_code == 403
    number = made.json()["number"]
    recalled = api(s["sales"]).post(f"/api/v1/vouchers/vouchers/{number}/recall/", {}, format="json").json()
    assert recalled["changed"] is True and recalled["voucher"]["returned_amount"] == "600.00"
    again = api(s["sales"]).post(f"/api/v1/vouchers/vouchers/{number}/recall/", {}, format="json").json()
    assert again["changed"] is False
    quota = api(s["viewer"]).get(f"/api/v1/vouchers/quotas/{s['quota'].pk}/").json()
    assert (quota["used_amount"], quota["remaining_amount"]) == ("0.00", "1000.00")
    failed = api(s["viewer"]).get("/api/v1/vouchers/records/", {"result": "failed"}).json()
    assert failed["count"] == 1 and failed["results"][0]["operation"] == "issue"
    by_voucher = api(s["viewer"]).get("/api/v1/vouchers/records/", {"voucher": number.lower()}).json()
    assert [r["operation"] for r in by_voucher["results"]] == ["manual_recall", "issue"]


def test_the_log_filters_on_each_column(client, vouchers_setup):
    s = vouchers_setup
    other = quota_for(s["distributor"], number="VQOTHER")
    first = issued(s["admin"], s["quota"], s["customer"], "10.00")
    issued(s["sales"], other, s["other_customer"], "20.00")
    voucher_number = first.number
    client.force_login(s["finance"])

    def shown(**params):
        body = client.get("/vouchers/records/", params).content.decode()
        return body.count('data-testid="record-row"')

    assert shown() == 2
    assert shown(quota="VQOTHER") == 1 and shown(customer="acme") == 1 and shown(voucher=voucher_number) == 1
    assert shown(operator=s["sales"].username) == 1 and shown(operation="issue") == 2
    assert shown(operation="manual_recall") == 0 and shown(result="failed") == 0
    assert shown(amount_min="15") == 1 and shown(date_from=timezone.localdate().isoformat()) == 2
    assert client.get("/vouchers/records/", {"operation": "nonsense"}).status_code == 400


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_log_exports_through_export_history(client, vouchers_setup, file_format):
    s = vouchers_setup
    voucher = issued(s["admin"], s["quota"], s["customer"], "12.34")
    client.post(f"/vouchers/{voucher.number}/recall/")  # not signed in: nothing
    client.force_login(s["admin"])
    client.post(f"/vouchers/{voucher.number}/recall/")
    issued(s["admin"], quota_for(s["distributor"], number="VQELSE"), s["customer"], "1.00")
    response = client.post("/vouchers/records/export/", {"quota": "VQTEST1", "file_format": file_format})
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/incentives/exports/?watch={job.pk}"
    assert (job.kind, job.method, job.filters) == ("voucher_operations", "filtered", {"quota": "VQTEST1"})
    job = export_run(job.pk)
    assert job.status == "completed" and job.rows_written == 2
    assert job.file_name.startswith("voucher-operation-records-") and "-filtered-" in job.file_name
    history = client.get("/incentives/exports/").content.decode()
    assert job.file_name in history
    data = b"".join(client.get(f"/incentives/exports/{job.pk}/download/").streaming_content)
    if file_format == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        assert rows[0][:3] == [rows[0][0], "Operation type", "Result"]
        assert [row[1] for row in rows[1:3]] == ["Issue", "Manual recall"]
        assert all(row[5] == voucher.number for row in rows[1:3])
    else:
        sheet = load_workbook(io.BytesIO(data), read_only=True)["Operation records"]
        values = [row for row in sheet.iter_rows(values_only=True)]
        assert values[1][1:3] == ("Issue", "Succeeded") and values[2][1] == "Manual recall"
        assert values[1][6] == 12.34


def test_a_bad_export_filter_is_refused_and_nothing_is_queued(vouchers_setup):
    s = vouchers_setup
    answer = api(s["finance"]).post(
        "/api/v1/vouchers/records/export/", {"filters": {"operation": "nonsense"}}, format="json"
    )
    assert answer.status_code == 400 and not ExportJob.objects.exists()
    queued = api(s["finance"]).post(
        "/api/v1/vouchers/records/export/", {"format": "csv", "filters": {"result": "failed"}}, format="json"
    )
    assert queued.status_code == 202 and queued.json()["kind"] == "voucher_operations"
    assert api(s["sales"]).post("/api/v1/vouchers/records/export/", {}, format="json").status_code == 403
