"""Exports on an S3-compatible bucket (moto's server on loopback, tests/storage/conftest.py):
a real worker stores the finished file in the bucket, the partner downloads it through the
authorised view (a short-lived presigned URL, or streamed), expiry deletes the object, and a
worker killed in the middle of its upload leaves nothing anyone can download."""

import csv
import io
import os
import signal
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from incentives.models import DetailLine, ExportJob
from incentives.policies import export_is_active
from incentives.services.export_files import job_folder
from incentives.services.exports import export_request, export_run, exports_expire
from tests import factories
from tests.storage.stall_proxy import StallingProxy
from tests.workers import many_lines, start_worker, stop, worker_env

pytestmark = pytest.mark.django_db(transaction=True)


def wait_for(job, predicate, seconds=60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if predicate(job):
            return True
        time.sleep(0.1)
    return False


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.read(), answer.headers


@pytest.fixture
def launch_worker(tmp_path, settings):
    from partner_center.celery import app

    app.control.purge()
    started = []

    def launch(name, env):
        log = open(tmp_path / f"{name}.log", "w")
        process = start_worker(worker_env(settings.VAR_DIR, **env), log)
        started.append((process, log))
        return process

    yield launch
    for process, log in started:
        if process.poll() is None:
            stop(process)
        log.close()


def test_an_export_completes_into_the_bucket_and_downloads_through_the_view(
    client, partner_setup, bucket, launch_worker, tmp_path
):
    many_lines(partner_setup["distributor"], 300)
    client.force_login(partner_setup["finance"])
    worker = launch_worker("worker", bucket.env())
    try:
        client.post(reverse("incentives:export_new"), {"method": "period", "period": "2026-10"})
        job = ExportJob.objects.get()
        finished = wait_for(job, lambda j: not export_is_active(j))
    finally:
        stop(worker)
    assert finished and job.status == "completed", (tmp_path / "worker.log").read_text()[-3000:]

    # the worker stored it in the bucket, in the job's own folder, and nowhere on a disk
    assert bucket.keys() == [job.file.name] and job.file.name.startswith(f"exports/jobs/{job.pk}/")
    assert len(bucket.body(job.file.name)) == job.size_bytes > 0

    # the view checked the user, then hands out a presigned URL that lives S3_URL_SECONDS
    response = client.get(reverse("incentives:export_download", args=[job.pk]))
    assert response.status_code == 302 and "no-store" in response["Cache-Control"]
    url = response["Location"]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
    assert url.startswith(f"{bucket.endpoint}/{bucket.name}/exports/jobs/{job.pk}/")
    assert query["X-Amz-Expires"] == [str(settings.S3_URL_SECONDS)] == ["60"]
    body, headers = fetch(url)
    assert headers["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in headers["Content-Disposition"] and job.file_name in headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(body))["Details"]
    assert sheet.max_row == DetailLine.objects.filter(partner=partner_setup["distributor"]).count() + 1 == 302

    # the bucket itself is private: the same object without the signature is refused
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(url.split("?")[0])
    assert refused.value.code == 403

    # the same rules as on the file system: other partners 404, viewers 403, the API alike
    client.force_login(partner_setup["rival_admin"])
    assert client.get(reverse("incentives:export_download", args=[job.pk])).status_code == 404
    client.force_login(partner_setup["viewer"])
    assert client.get(reverse("incentives:export_download", args=[job.pk])).status_code == 403
    api = APIClient()
    api.force_authenticate(partner_setup["admin"])
    answer = api.get(f"/api/v1/exports/{job.pk}/download/")
    assert answer.status_code == 302 and fetch(answer["Location"])[0] == body


def test_with_s3_downloads_stream_the_view_relays_the_object(client, partner_setup, bucket, settings):
    many_lines(partner_setup["distributor"], 50)
    settings.S3_DOWNLOADS = "stream"  # a bucket the browsers cannot reach
    job = export_run(
        export_request(user=partner_setup["admin"], method="period", period="2026-10", file_format="csv").pk
    )
    client.force_login(partner_setup["finance"])
    response = client.get(reverse("incentives:export_download", args=[job.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Length"] == str(job.size_bytes)
    assert job.file_name in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert body == bucket.body(job.file.name)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert sum(1 for row in rows if row and row[0].startswith("INC-")) == 51  # the bill's line + 50


def test_an_expired_export_is_deleted_from_the_bucket(client, partner_setup, bucket):
    many_lines(partner_setup["distributor"], 20)
    job = export_run(export_request(user=partner_setup["admin"], method="period", period="2026-10").pk)
    assert bucket.keys() == [job.file.name]
    client.force_login(partner_setup["admin"])
    url = client.get(reverse("incentives:export_download", args=[job.pk]))["Location"]

    assert exports_expire(now=job.expires_at + timedelta(seconds=1))["expired"] == 1
    job.refresh_from_db()
    assert job.status == "expired" and not job.file
    assert bucket.keys() == []  # the object is gone, not just unlinked from the job
    with pytest.raises(urllib.error.HTTPError) as gone:
        fetch(url)  # a presigned URL handed out before expiry now finds nothing
    assert gone.value.code in (403, 404)  # S3 answers 403 for a missing key to whoever may not list
    response = client.get(reverse("incentives:export_download", args=[job.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("incentives:export_history")
    assert "it is Expired" in response.content.decode()
    api = APIClient()
    api.force_authenticate(partner_setup["admin"])
    assert api.get(f"/api/v1/exports/{job.pk}/download/").status_code == 409


def test_a_worker_killed_mid_upload_leaves_no_object_anyone_can_download(
    client, partner_setup, bucket, launch_worker, tmp_path
):
    many_lines(partner_setup["distributor"], 2000)
    port = int(bucket.endpoint.rsplit(":", 1)[1])
    proxy = StallingProxy(port, body_bytes=4096)  # the worker's S3 traffic passes through it
    try:
        worker = launch_worker("worker", bucket.env(endpoint=proxy.endpoint))
        job = export_request(user=partner_setup["admin"], method="period", period="2026-10")
        assert proxy.stalled.wait(60), (tmp_path / "worker.log").read_text()[-3000:]
        # the upload is in flight: the server has its first 4 KB, the worker is waiting to send more
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=15)
    finally:
        proxy.close()
    job.refresh_from_db()
    assert job.status == "running" and not job.file and job.size_bytes in (None, 0)
    assert bucket.keys() == [] and bucket.unfinished_uploads() == []

    client.force_login(partner_setup["admin"])
    response = client.get(reverse("incentives:export_download", args=[job.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("incentives:export_history")
    api = APIClient()
    api.force_authenticate(partner_setup["admin"])
    assert api.get(f"/api/v1/exports/{job.pk}/download/").status_code == 409

    # no worker takes it up again within the test (Redis would redeliver only after its visibility
    # timeout): the stall sweep fails the job, and the bucket still holds nothing
    exports_expire(now=timezone.now() + timedelta(seconds=settings.EXPORT_STALE_SECONDS + 1))
    job.refresh_from_db()
    assert job.status == "failed" and "worker was interrupted" in job.error
    assert bucket.keys() == []


def test_what_a_killed_attempt_stored_before_committing_is_deleted_and_never_served(
    client, partner_setup, bucket
):
    """A worker killed after its upload finished but before its transaction committed leaves an
    object no job points at; the next attempt (or the stall sweep) deletes it."""
    many_lines(partner_setup["distributor"], 10)
    job = export_request(user=partner_setup["admin"], method="period", period="2026-10")
    ExportJob.objects.filter(pk=job.pk).update(status="running", heartbeat_at=timezone.now())
    left = default_storage.save(f"{job_folder(job)}/killed-attempt.xlsx", ContentFile(b"PK"))
    assert bucket.keys() == [left]
    client.force_login(partner_setup["admin"])
    assert client.get(reverse("incentives:export_download", args=[job.pk])).status_code == 302
    assert client.get(reverse("incentives:export_download", args=[job.pk]))["Location"] == reverse(
        "incentives:export_history"
    )

    job = export_run(job.pk)  # the redelivered task: a new attempt in the same folder
    assert job.status == "completed" and bucket.keys() == [job.file.name] and job.file.name != left


def test_the_stall_sweep_deletes_a_leftover_of_the_job_it_fails(partner_setup, bucket):
    job = export_request(user=partner_setup["admin"], method="period", period=factories.bill(
        partner_setup["distributor"], factories.PeriodFactory(code="2026-10")).period.code)  # fmt: skip
    ExportJob.objects.filter(pk=job.pk).update(status="running", heartbeat_at=timezone.now())
    default_storage.save(f"{job_folder(job)}/left.csv", ContentFile(b"a,b\n"))
    other = default_storage.save("exports/jobs/999999/someone-elses.csv", ContentFile(b"kept"))
    exports_expire(now=timezone.now() + timedelta(seconds=settings.EXPORT_STALE_SECONDS + 1))
    job.refresh_from_db()
    assert job.status == "failed" and bucket.keys() == [other]
