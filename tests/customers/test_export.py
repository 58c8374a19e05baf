"""The anonymised customer export: admins only, through the shared export jobs; names, mobiles
and e-mails masked in every cell of the file; the list's filters honoured; only the partner's
own customers."""

import csv
import html
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook
from rest_framework.test import APIClient

from customers.models import UserPreference
from incentives.models import ExportJob
from incentives.services.exports import export_run
from tests import factories

CLEAR = (
    "杭州星海科技有限公司",
    "13812345678",
    "alice@example.com",
    "Blue River Ltd",
    "13900001111",
    "bob@example.cn",
)
OTHERS = ("Reseller Customer", "hwc_res_001", "Rival Customer", "hwc_riv_001", "13700000000", "13600000000")


@pytest.fixture(autouse=True)
def _media_and_language(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def download(client, job) -> bytes:
    response = client.get(f"/incentives/exports/{job.pk}/download/")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def cells(data: bytes, file_format: str) -> list[list[str]]:
    """Every cell of the file as text, every sheet (the xlsx Summary too)."""
    if file_format == "csv":
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    book = load_workbook(io.BytesIO(data), read_only=True)
    return [
        ["" if value is None else str(value) for value in row]
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    ]


def customer_rows(data: bytes, file_format: str) -> list[list[str]]:
    """The data rows (after the header, before the empty line and the totals)."""
    if file_format == "csv":
        rows = cells(data, "csv")[1:]
    else:
        sheet = load_workbook(io.BytesIO(data), read_only=True)["Customers"]
        rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)][1:]
    return [row for row in rows if len(row) > 1 and row[1].startswith("hwc_")]


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_admin_exports_anonymised_customers_into_export_history(
    client, partner_setup, customers, file_format
):
    client.force_login(partner_setup["admin"])
    response = client.post("/customers/export/", {"file_format": file_format})
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/incentives/exports/?watch={job.pk}"
    assert (job.kind, job.method, job.filters) == ("customers", "filtered", {})
    job = export_run(job.pk)
    assert job.status == "completed" and job.rows_written == 2
    assert (
        job.file_name.startswith(f"customers-{partner_setup['distributor'].code}-")
        and "-filtered-" in job.file_name
    )
    assert job.file_name in client.get("/incentives/exports/").content.decode()

    data = download(client, job)
    rows = customer_rows(data, file_format)
    by_account = {row[1]: row for row in rows}
    assert set(by_account) == {"hwc_own_001", "hwc_own_002"}
    own = by_account["hwc_own_001"]
    assert own[0] == "杭*********" and own[11:13] == ["138****5678", "a***@example.com"]
    assert by_account["hwc_own_002"][0] == "B*************"
    assert by_account["hwc_own_002"][11:13] == ["139****1111", "b***@example.cn"]
    assert own[2] == "Resale" and own[6] == "Finance" and own[7] == "V3"
    everything = "\n".join("\t".join(row) for row in cells(data, file_format))
    for clear in CLEAR + OTHERS:
        assert clear not in everything, clear
    if file_format == "xlsx":  # the quota is a number cell, the discount a rate
        assert own[8] == "12345.6" and own[9] == "0.15"


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_list_filters_are_honoured_and_a_typed_name_is_masked_too(
    client, partner_setup, customers, file_format
):
    factories.CustomerFactory(
        partner=partner_setup["distributor"],
        name="杭州星海物流有限公司",
        account="hwc_own_003",
        status="disassociated",
    )
    client.force_login(partner_setup["admin"])
    client.post(
        "/customers/export/", {"file_format": file_format, "name": "星海", "status": "associated", "x": "1"}
    )
    job = ExportJob.objects.get()
    assert job.filters == {"name": "星海", "status": "associated"}
    data = download(client, export_run(job.pk))
    assert [row[1] for row in customer_rows(data, file_format)] == ["hwc_own_001"]
    if file_format == "xlsx":
        assert "星海" not in "\n".join("\t".join(row) for row in cells(data, file_format))
        summary = "\n".join("\t".join(row) for row in cells(data, file_format))
        assert "Customer name: 星**" in summary


def test_the_export_button_keeps_the_filters_shown(client, partner_setup, customers):
    client.force_login(partner_setup["admin"])
    page = client.get("/customers/", {"status": "associated", "name": "", "last": "1"}).content.decode()
    assert 'data-testid="customer-export"' in page
    assert '<input type="hidden" name="status" value="associated">' in page
    form = page.split('data-testid="customer-export"')[1].split("</form>")[0]
    assert 'name="last"' not in form and 'name="name"' not in form


@pytest.mark.parametrize("role", ["finance", "sales", "viewer"])
def test_other_roles_are_refused_and_nothing_is_queued(client, partner_setup, customers, role):
    user = partner_setup[role]
    client.force_login(user)
    response = client.post("/customers/export/", {"file_format": "csv"})
    assert response.status_code == 403
    assert "Only your partner's admin may export customers." in html.unescape(response.content.decode())
    assert api(user).post("/api/v1/customers/export/", {}, format="json").status_code == 403
    assert not ExportJob.objects.exists()
    if role == "sales":  # sales see the list, without the button
        assert 'data-testid="customer-export"' not in client.get("/customers/").content.decode()


def test_only_admins_see_and_download_a_customer_export(client, partner_setup, customers):
    admin, finance = partner_setup["admin"], partner_setup["finance"]
    job = export_run(
        api(admin).post("/api/v1/customers/export/", {"format": "csv"}, format="json").json()["id"]
    )
    assert job.status == "completed"
    client.force_login(finance)
    assert job.file_name not in client.get("/incentives/exports/").content.decode()
    assert client.get(f"/incentives/exports/{job.pk}/download/").status_code == 404
    assert api(finance).get(f"/api/v1/exports/{job.pk}/").status_code == 404
    assert job.pk not in [row["id"] for row in api(finance).get("/api/v1/exports/").json()["results"]]
    assert api(finance).get(f"/api/v1/exports/{job.pk}/download/").status_code == 404
    assert api(admin).get(f"/api/v1/exports/{job.pk}/download/").status_code == 200
    rival = partner_setup["rival_admin"]
    assert api(rival).get(f"/api/v1/exports/{job.pk}/").status_code == 404


def test_the_api_export_takes_the_filters_and_refuses_a_bad_one(partner_setup, customers):
    admin = partner_setup["admin"]
    refused = api(admin).post("/api/v1/customers/export/", {"filters": {"status": "nonsense"}}, format="json")
    assert refused.status_code == 400 and not ExportJob.objects.exists()
    queued = api(admin).post(
        "/api/v1/customers/export/", {"format": "xlsx", "filters": {"account": "hwc_own_002"}}, format="json"
    )
    assert queued.status_code == 202 and queued.json()["kind"] == "customers"
    job = export_run(queued.json()["id"])
    assert job.rows_written == 1


def test_another_partners_customers_never_appear(client, partner_setup, customers):
    """The reseller's admin exports its own customer only; the rival's admin its own."""
    for user, account in (
        (partner_setup["reseller_admin"], "hwc_res_001"),
        (partner_setup["rival_admin"], "hwc_riv_001"),
    ):
        job = export_run(
            api(user).post("/api/v1/customers/export/", {"format": "csv"}, format="json").json()["id"]
        )
        client.force_login(user)
        rows = customer_rows(download(client, job), "csv")
        assert [row[1] for row in rows] == [account]


def test_the_file_is_in_the_requesters_language(client, partner_setup, customers):
    admin = partner_setup["admin"]
    UserPreference.objects.update_or_create(user=admin, defaults={"language": "zh-hans"})
    client.force_login(admin)
    client.post("/customers/export/", {"file_format": "csv"}, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    with translation.override("en"):  # the worker's own language is not the requester's
        job = export_run(ExportJob.objects.get().pk)
    rows = cells(download(client, job), "csv")
    assert rows[0][0] == "客户名称" and rows[0][-1] == "邮箱"
    assert {row[10] for row in customer_rows(download(client, job), "csv")} == {"已关联", "已解除关联"}
