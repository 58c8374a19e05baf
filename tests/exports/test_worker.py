"""Exports built by a real Celery worker on the configured broker (Redis in CI, the filesystem
transport on the embedded default), including a worker killed in the middle of a file."""

import io
import os
import signal
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from customers.models import UserPreference
from incentives.models import DetailLine, ExportJob
from incentives.policies import export_is_active
from incentives.services.exports import exports_expire
from tests.workers import many_lines, stop, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_real_worker_builds_the_export_requested_on_the_page(client, partner_setup, worker_setup, tmp_path):
    many_lines(partner_setup["distributor"], 300)
    UserPreference.objects.create(user=partner_setup["admin"], language="zh-hans")
    chinese = Client()
    chinese.force_login(partner_setup["admin"])
    client.force_login(partner_setup["finance"])
    worker = worker_setup("worker")
    try:
        client.post(reverse("incentives:export_new"), {"method": "period", "period": "2026-10"})
        chinese.post(reverse("incentives:export_new"), {"method": "period", "period": "2026-10"})
        job, job_zh = ExportJob.objects.order_by("pk")
        finished = all(wait_for(j, lambda j: not export_is_active(j), interval=0.2) for j in (job, job_zh))
    finally:
        stop(worker)
    assert finished and job.status == job_zh.status == "completed", (tmp_path / "worker.log").read_text()[
        -3000:
    ]
    response = client.get(reverse("incentives:export_download", args=[job.pk]))
    workbook = load_workbook(filename=io.BytesIO(b"".join(response.streaming_content)))
    lines = DetailLine.objects.filter(partner=partner_setup["distributor"]).count()
    assert workbook["Details"].max_row == lines + 1 and job.rows_written == lines == 301
    assert workbook.sheetnames == ["Summary", "Details"] and workbook["Details"]["M1"].value == "Currency"
    # the worker wrote the Chinese requester's file in Chinese: the language stored on the job
    chinese_book = load_workbook(job_zh.file.path)
    assert job_zh.language == "zh-hans" and chinese_book.sheetnames == ["汇总", "明细"]
    assert chinese_book["明细"]["M1"].value == "币种" and chinese_book["明细"]["N2"].value == "预估"
    assert job_zh.file_name.startswith("激励明细-")
    assert (
        f"transport:   {settings.CELERY_BROKER_URL.split('://')[0]}://"
        in (tmp_path / "worker.log").read_text()
    )


def test_a_worker_killed_mid_export_leaves_no_partial_file(partner_setup, worker_setup, tmp_path):
    many_lines(partner_setup["distributor"], 20_000)
    redis = settings.CELERY_BROKER_URL.startswith("redis")
    # short limits so that Redis hands the unacknowledged message to the next worker quickly
    limits = {"CELERY_VISIBILITY_TIMEOUT": 12, "CELERY_TASK_TIME_LIMIT": 10, "EXPORT_TIME_LIMIT": 10,
              "EXPORT_PROGRESS_ROWS": 200}  # fmt: skip
    first = worker_setup("first", **limits)
    from incentives.services.exports import export_request

    try:
        job = export_request(user=partner_setup["admin"], method="period", period="2026-10")
        started = wait_for(job, lambda j: j.rows_written >= 200)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=15)
    finally:
        stop(first) if first.poll() is None else None
    assert started, (tmp_path / "first.log").read_text()[-3000:]
    job.refresh_from_db()
    assert job.status == "running" and not job.file  # nothing partial is attached

    if redis:  # the message was never acknowledged: Redis redelivers it to the next worker
        second = worker_setup("second", **limits)
        try:
            wait_for(job, lambda j: not export_is_active(j), interval=0.2)
        finally:
            stop(second)
        assert job.status == "completed", (tmp_path / "second.log").read_text()[-3000:]
        assert job.attempts == 2 and job.rows_written == 20_001  # with the bill's own first line
        sheet = load_workbook(job.file.path, read_only=True)["Details"]
        assert sum(1 for _ in sheet.iter_rows(values_only=True)) == 20_002
    else:  # the filesystem transport has no redelivery: the stall sweep fails the job, with a reason
        exports_expire(now=job.heartbeat_at + timedelta(seconds=settings.EXPORT_STALE_SECONDS + 1))
        job.refresh_from_db()
        assert job.status == "failed" and "worker was interrupted" in job.error
    files = (
        [p for p in (tmp_path / "media").rglob("*") if p.is_file()] if (tmp_path / "media").exists() else []
    )
    assert files == ([Path(job.file.path)] if job.status == "completed" else [])
