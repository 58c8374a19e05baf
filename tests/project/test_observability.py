"""What operators read: a request id that follows a request into its task's log lines, JSON logs,
and Prometheus metrics behind a token."""

import json
import re
import uuid

import pytest
from django.urls import reverse

from incentives.models import ExportJob
from incentives.policies import export_is_active
from incentives.services.exports import export_request
from incentives.tasks import build_export
from tests.workers import many_lines, stop, wait_for

TOKEN = "scrape-" + "t" * 40


@pytest.mark.django_db
def test_every_answer_carries_a_request_id_and_keeps_a_valid_one_from_the_proxy(client):
    made = client.get("/accounts/login/")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)

    sent = uuid.uuid4().hex
    assert client.get("/accounts/login/", HTTP_X_REQUEST_ID=sent)["X-Request-ID"] == sent
    # a forged value is not echoed into the logs: a fresh id replaces it
    assert client.get("/accounts/login/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"] != "<script>"


@pytest.mark.django_db(transaction=True)
def test_the_request_id_follows_an_export_into_the_workers_json_log(
    client,
    partner_setup,
    worker_setup,  # noqa: F811 (the fixture imported above)
    tmp_path,
):
    many_lines(partner_setup["distributor"], 50)
    client.force_login(partner_setup["finance"])
    worker = worker_setup("worker", LOG_FORMAT="json")
    try:
        response = client.post(reverse("incentives:export_new"), {"method": "period", "period": "2026-10"})
        job = ExportJob.objects.get()
        assert wait_for(job, lambda j: not export_is_active(j), interval=0.2)
    finally:
        stop(worker)
    request_id = response["X-Request-ID"]
    lines = [
        json.loads(line)
        for line in (tmp_path / "worker.log").read_text().splitlines()
        if line.startswith("{")
    ]
    task_lines = [line for line in lines if line.get("request_id") == request_id]
    assert task_lines, "no worker log line carries the request's id"
    assert any("succeeded" in line["message"] for line in task_lines)
    assert {"time", "level", "logger", "message"} <= set(task_lines[0])


@pytest.mark.django_db
def test_metrics_are_a_404_without_the_scrapers_token(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 404
    settings.METRICS_TOKEN = TOKEN
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION=TOKEN).status_code == 404  # the scheme is required
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200


@pytest.mark.django_db
def test_metrics_show_latency_by_view_task_runtimes_export_speed_and_queue_depth(
    client, partner_setup, settings, tmp_path
):
    settings.METRICS_TOKEN = TOKEN
    settings.MEDIA_ROOT = tmp_path
    many_lines(partner_setup["distributor"], 20)
    client.force_login(partner_setup["admin"])
    client.get(reverse("incentives:summary"))
    job = export_request(user=partner_setup["finance"], method="period", period="2026-10")
    build_export.apply(args=[job.pk])

    body = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()

    assert re.search(
        r'django_http_requests_latency_seconds_by_view_method_count\{[^}]*view="incentives:summary"', body
    )
    assert re.search(r'portal_task_seconds_count\{task="incentives.tasks.build_export"\} [1-9]', body)
    assert re.search(r"portal_export_rows_per_second_count [1-9]", body)
    assert re.search(r'portal_queue_depth\{queue="celery"\} \d', body)


def test_a_mistyped_log_format_stops_start_up_with_a_message_that_names_it(tmp_path):
    from tests.project.test_settings import load

    result = load(DJANGO_DEBUG="true", VAR_DIR=str(tmp_path), LOG_FORMAT="jsno")
    assert result.returncode != 0
    assert "LOG_FORMAT must be one of text, json, not 'jsno'" in result.stderr
    assert load(DJANGO_DEBUG="true", VAR_DIR=str(tmp_path), LOG_FORMAT="JSON").returncode == 0


def test_gunicorn_clears_only_its_own_metric_files_from_the_folder_it_is_given(tmp_path, monkeypatch):
    import runpy

    from tests.workers import ROOT

    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    (tmp_path / "counter_123.db").write_bytes(b"stale")
    (tmp_path / "export.xlsx").write_bytes(b"an operator's file")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))

    config["on_starting"](server=None)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.xlsx"]
