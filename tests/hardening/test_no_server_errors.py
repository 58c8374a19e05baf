"""Each malformed input the probe found answered with a 500 now gets a clear answer."""

import json

import pytest
from django.urls import reverse

from incentives.models import DetailLine, ExportJob, FeedbackStatus, Statement, StatementStatus
from partner_center.api_parsers import MAX_DEPTH, json_depth
from partner_center.params import whole_number

pytestmark = pytest.mark.django_db
DETAILS, API = "/incentives/details/", "/api/v1/details/"
UNICODE_DIGITS = ["²", "①", "¹²³", "١٢٣"]  # isdigit() takes all; int() refuses the first three


@pytest.fixture
def client(client):
    client.raise_request_exception = False  # see the status a user would get
    return client


@pytest.mark.parametrize("value", ["7", "0", "123456789012345678"])
def test_whole_number_reads_ascii_digits(value):
    assert whole_number(value) == int(value)


@pytest.mark.parametrize("value", [*UNICODE_DIGITS, "", " 7", "7 ", "+7", "-7", "7.0", "1" * 19, None, 7])
def test_whole_number_refuses_anything_else(value):
    assert whole_number(value) is None


@pytest.mark.parametrize("name", ["after", "before"])
@pytest.mark.parametrize("value", UNICODE_DIGITS)
def test_details_page_and_api_refuse_unicode_digits_in_page_links(client, everything, name, value):
    client.force_login(everything["admin"])

    page = client.get(DETAILS, {"period": "2026-10", name: value})
    api = client.get(API, {"period": "2026-10", name: value})

    assert page.status_code == 400 and "This page link is malformed" in page.content.decode()
    assert api.status_code == 400 and "malformed" in api.json()["detail"]


@pytest.mark.parametrize("value", UNICODE_DIGITS)
def test_api_page_sizes_and_page_numbers_refuse_unicode_digits(client, everything, value):
    client.force_login(everything["admin"])

    sized = client.get(API, {"period": "2026-10", "page_size": value})
    numbered = client.get("/api/v1/incentives/", {"page": value})
    summary = client.get(reverse("incentives:summary"), {"page": value})

    assert sized.status_code == 400 and "page_size" in sized.json()
    assert numbered.status_code == 400 and summary.status_code == 400


def test_export_history_ignores_watch_ids_it_cannot_read(client, everything):
    client.force_login(everything["finance"])
    job = ExportJob.objects.get()

    response = client.get(reverse("incentives:export_history"), {"watch": f"²,①,{job.pk},١٢٣"})

    assert response.status_code == 200


def test_a_blank_period_is_the_default_period(client, everything):
    client.force_login(everything["admin"])

    response = client.get(DETAILS, {"period": "  "})

    assert response.status_code == 200 and response.context["bill"].period.code == "2026-10"


def test_a_nul_byte_in_a_path_is_a_404(client, everything):
    client.force_login(everything["admin"])

    assert client.get("/incentives/incentive/%00/").status_code == 404
    assert client.get("/incentives/incentive/INC%00/").status_code == 404
    assert client.get("/api/v1/incentives/%00/").status_code == 404


def _nested(depth):
    return "[" * depth + "]" * depth


def test_json_depth_counts_brackets_outside_strings():
    assert json_depth('{"a": [1, "[[[{{{", {"b": []}]}') == 4
    assert json_depth('"just [ text"') == 0


@pytest.mark.parametrize("depth", [1000, MAX_DEPTH + 1])
def test_deeply_nested_json_is_a_400(client, everything, depth):
    client.force_login(everything["finance"])
    line = DetailLine.objects.filter(partner=everything["distributor"], period__code="2026-10").first()
    body = '{"method": "period", "period": "2026-10", "programs": ' + _nested(depth) + "}"
    feedback = '{"text": ' + _nested(depth) + "}"

    export = client.post("/api/v1/exports/", body, content_type="application/json")
    written = client.post(f"{API}{line.pk}/feedback/", feedback, content_type="application/json")

    for response in (export, written):
        assert response.status_code == 400
        assert "nested more than" in response.json()["detail"]
    assert ExportJob.objects.count() == 1  # the fixture's own


def test_deeply_nested_json_on_the_token_endpoint_is_a_400(client, everything):
    body = '{"username": "x", "password": ' + _nested(1000) + "}"

    response = client.post("/api/v1/auth/token/", body, content_type="application/json")

    assert response.status_code == 400 and "nested more than" in response.json()["detail"]


def test_an_ordinary_json_request_still_works(client, everything):
    client.force_login(everything["finance"])
    ids = list(DetailLine.objects.filter(partner=everything["distributor"]).values_list("pk", flat=True)[:5])

    response = client.post(
        "/api/v1/exports/",
        json.dumps({"method": "selected", "detail_ids": ids}),
        content_type="application/json",
    )

    assert response.status_code == 202


def test_payout_review_ignores_a_program_it_cannot_read(client, everything):
    client.force_login(everything["operator"])
    url = reverse("admin:incentives_payoutreview_changelist")
    unfiltered = client.get(url)

    for value in ("abc", "²", "9" * 40):
        response = client.get(url, {"program": value})

        assert response.status_code == 200
        assert list(response.context["cl"].result_list) == list(unfiltered.context["cl"].result_list)


def test_payout_review_reads_a_status_it_cannot_parse_as_the_queue(client, everything):
    client.force_login(everything["operator"])
    url = reverse("admin:incentives_payoutreview_changelist")

    for value in ("\x00", "nonsense"):
        response = client.get(url, {"status": value})

        assert response.status_code == 200
        shown = {bill.status for bill in response.context["cl"].result_list}
        assert shown <= {StatementStatus.ISSUING}


def test_admin_filters_ignore_a_nul_byte(client, everything):
    client.force_login(everything["superuser"])
    bills = reverse("admin:incentives_statement_changelist")

    response = client.get(bills, {"status__exact": "\x00", "q": "a\x00b"})

    assert response.status_code == 200
    assert response.context["cl"].result_count == Statement.objects.count()


@pytest.mark.parametrize("year", ["99999999999999999", "10000", "0", "²"])
def test_the_exports_date_drill_down_ignores_a_year_it_cannot_read(client, everything, year):
    client.force_login(everything["superuser"])

    response = client.get(reverse("admin:incentives_exportjob_changelist"), {"requested_at__year": year})

    assert response.status_code == 200 and response.context["cl"].result_count == 1


def test_feedback_admin_lists_still_filter(client, everything):
    client.force_login(everything["operator"])

    response = client.get(
        reverse("admin:incentives_feedbackline_changelist"), {"feedback_status__exact": "open"}
    )

    assert response.status_code == 200
    assert {line.feedback_status for line in response.context["cl"].result_list} == {FeedbackStatus.OPEN}
