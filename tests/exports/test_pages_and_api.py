import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from incentives.models import ExportJob
from incentives.services.exports import export_request, export_run

pytestmark = pytest.mark.django_db
HISTORY = "/incentives/exports/"


@pytest.fixture
def jobs(partner_setup, export_data):
    own = export_run(export_request(user=partner_setup["finance"], method="period", period="2026-10").pk)
    rival = export_run(
        export_request(user=partner_setup["rival_admin"], method="period", period="2026-10").pk
    )
    return {"own": own, "rival": rival}


def test_history_lists_the_partners_jobs_with_their_columns(client, partner_setup, jobs):
    client.force_login(partner_setup["admin"])
    body = client.get(HISTORY).content.decode()
    own = jobs["own"]
    for text in (own.file_name, "Export by period", "2026-10", partner_setup["finance"].username, "Completed",
                 "24 / 24", "Download"):  # fmt: skip
        assert text in body
    assert jobs["rival"].file_name not in body


def test_a_queued_job_shows_no_size_and_the_form_defaults_to_the_latest_formal_period(
    client, partner_setup, export_data
):
    from tests import factories

    factories.bill(partner_setup["distributor"], factories.PeriodFactory(code="2026-11"))  # Estimated
    export_request(user=partner_setup["admin"], method="period", period="2026-10")
    client.force_login(partner_setup["admin"])
    body = client.get(HISTORY).content.decode()
    assert "0 bytes" not in body
    assert '<option value="2026-10" selected>' in body and '<option value="2026-11">' in body


def test_requesting_an_export_answers_at_once_with_a_link_to_the_history(client, partner_setup, export_data):
    client.force_login(partner_setup["finance"])
    response = client.post(
        reverse("incentives:export_new"),
        {"method": "programs", "period": "2026-10", "programs": ["RSL", "REF"], "file_format": "csv"},
        follow=True,
    )
    body = response.content.decode()
    job = ExportJob.objects.get()
    assert (
        f'Export task created. <a href="/incentives/exports/?watch={job.pk}">View it in Export History</a>'
        in body
    )
    assert (job.status, job.method, job.file_format) == ("queued", "programs", "csv")
    assert set(job.programs.values_list("code", flat=True)) == {"RSL", "REF"}


def test_a_bad_export_request_gets_a_message_and_creates_nothing(client, partner_setup, export_data):
    client.force_login(partner_setup["finance"])
    response = client.post(
        reverse("incentives:export_new"), {"method": "period", "period": "1999-01"}, follow=True
    )
    assert "Choose a reconciliation period of your account." in response.content.decode()
    assert not ExportJob.objects.exists()


def test_history_refreshes_itself_while_a_job_runs_and_announces_the_result(
    client, partner_setup, export_data
):
    client.force_login(partner_setup["admin"])
    job = export_request(user=partner_setup["admin"], method="period", period="2026-10")
    running = client.get(HISTORY).content.decode()
    assert f'hx-get="/incentives/exports/?watch={job.pk}"' in running and 'hx-trigger="every 2s"' in running

    export_run(job.pk)
    fragment = client.get(HISTORY, {"watch": str(job.pk)}, HTTP_HX_REQUEST="true").content.decode()

    assert "Records exported successfully" in fragment and "<html" not in fragment
    assert "hx-trigger" not in fragment  # nothing left to wait for: polling stops
    # a job that finished before the page was opened is announced too
    assert "Records exported successfully" in client.get(HISTORY, {"watch": str(job.pk)}).content.decode()


def test_download_serves_the_file_with_its_name_and_type(client, partner_setup, jobs):
    client.force_login(partner_setup["finance"])
    response = client.get(reverse("incentives:export_download", args=[jobs["own"].pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == f'attachment; filename="{jobs["own"].file_name}"'
    assert b"".join(response.streaming_content)[:2] == b"PK"


@pytest.mark.parametrize("role", ["viewer", "sales"])
def test_viewer_and_sales_may_see_the_history_but_not_export_or_download(client, partner_setup, jobs, role):
    client.force_login(partner_setup[role])
    assert client.get(HISTORY).status_code == 200
    assert "Download" not in client.get(HISTORY).content.decode()
    assert client.get(reverse("incentives:export_download", args=[jobs["own"].pk])).status_code == 403
    response = client.post(reverse("incentives:export_new"), {"method": "period", "period": "2026-10"})
    assert response.status_code == 403 and "admin and finance users" in response.content.decode()


@pytest.mark.parametrize("user", ["admin", "reseller_admin"])
def test_another_partners_job_and_file_are_404(client, partner_setup, jobs, user):
    client.force_login(partner_setup[user])
    assert client.get(reverse("incentives:export_download", args=[jobs["rival"].pk])).status_code == 404
    api = APIClient()
    api.force_authenticate(partner_setup[user])
    assert api.get(f"/api/v1/exports/{jobs['rival'].pk}/").status_code == 404
    assert api.get(f"/api/v1/exports/{jobs['rival'].pk}/download/").status_code == 404


def test_a_job_without_a_file_has_nothing_to_download(client, partner_setup, export_data):
    job = export_request(user=partner_setup["admin"], method="period", period="2026-10")
    client.force_login(partner_setup["admin"])
    response = client.get(reverse("incentives:export_download", args=[job.pk]), follow=True)
    assert "has no file to download: it is Queued" in response.content.decode()


def test_api_requests_lists_reads_and_downloads_exports(partner_setup, export_data):
    api = APIClient()
    api.force_authenticate(partner_setup["finance"])
    created = api.post("/api/v1/exports/", {"method": "programs", "period": "2026-10", "programs": ["REF"]},
                       format="json")  # fmt: skip
    assert created.status_code == 202 and created.json()["status"] == "queued"
    job_id = created.json()["id"]
    assert api.get(f"/api/v1/exports/{job_id}/download/").status_code == 409

    export_run(job_id)

    detail = api.get(f"/api/v1/exports/{job_id}/").json()
    assert detail["status"] == "completed" and detail["programs"] == ["REF"]
    assert detail["download_url"].endswith(f"/api/v1/exports/{job_id}/download/")
    assert [j["id"] for j in api.get("/api/v1/exports/").json()["results"]] == [job_id]
    assert api.get(f"/api/v1/exports/{job_id}/download/").status_code == 200
    bad = api.post("/api/v1/exports/", {"method": "selected", "detail_ids": []}, format="json")
    assert bad.status_code == 400 and "Select at least one" in bad.json()["detail"]


def test_api_refuses_export_to_viewers(partner_setup, export_data):
    api = APIClient()
    api.force_authenticate(partner_setup["viewer"])
    assert (
        api.post("/api/v1/exports/", {"method": "period", "period": "2026-10"}, format="json").status_code
        == 403
    )


def test_vendor_finance_downloads_any_partners_file_from_the_admin(client, partner_setup, jobs):
    from incentives.operators import ensure_operators_group, ensure_vendor_finance_group
    from tests import factories

    finance = factories.UserFactory(username="vendor-finance", is_staff=True)
    finance.groups.add(ensure_vendor_finance_group())
    client.force_login(finance)
    changelist = client.get(reverse("admin:incentives_exportjob_changelist")).content.decode()
    assert jobs["rival"].partner.name in changelist and jobs["own"].partner.name in changelist
    download = reverse("admin:incentives_exportjob_download", args=[jobs["rival"].pk])
    assert client.get(download).status_code == 200

    operator = factories.UserFactory(username="ops", is_staff=True)
    operator.groups.add(ensure_operators_group())
    client.force_login(operator)
    assert client.get(reverse("admin:incentives_exportjob_changelist")).status_code == 200
    assert client.get(download).status_code == 403


def test_export_selected_takes_a_selection_of_thousands_of_lines(client, partner_setup, export_data):
    """More lines than Django's 1,000-field POST limit: the selection travels as one field."""
    from incentives.models import DetailLine
    from tests.workers import many_lines

    many_lines(partner_setup["rival"], 1_500)  # the rival's 2026-10 bill is still Estimated
    ids = list(DetailLine.objects.filter(partner=partner_setup["rival"]).values_list("pk", flat=True))
    client.force_login(partner_setup["rival_admin"])
    on_page, elsewhere = ids[:20], ids[20:]

    response = client.post(
        reverse("incentives:export_new"),
        {
            "method": "selected",
            "back": "details",
            "detail_ids": on_page,
            "selection": ",".join(map(str, elsewhere)),
        },
    )

    assert response.status_code == 302
    assert sorted(ExportJob.objects.get().detail_ids) == sorted(ids)


def test_a_malformed_selection_gets_a_message_and_creates_nothing(client, partner_setup, export_data):
    client.force_login(partner_setup["finance"])
    response = client.post(
        reverse("incentives:export_new"),
        {"method": "selected", "back": "details", "selection": "1,x,3"},
        follow=True,
    )
    assert "not a list of detail line IDs" in response.content.decode()
    assert not ExportJob.objects.exists()


def test_a_refused_export_selected_returns_to_the_same_period(client, partner_setup, export_data, settings):
    from incentives.models import DetailLine

    settings.EXPORT_SELECTED_LIMIT = 2
    ids = list(
        DetailLine.objects.filter(partner=partner_setup["distributor"]).values_list("pk", flat=True)[:3]
    )
    client.force_login(partner_setup["finance"])
    response = client.post(
        reverse("incentives:export_new"),
        {"method": "selected", "back": "details", "details_period": "2026-10", "detail_ids": ids},
    )
    assert response.url == "/incentives/details/?period=2026-10"
    assert (
        "You selected 3 lines; Export Selected takes at most 2." in client.get(response.url).content.decode()
    )
    assert not ExportJob.objects.exists()
