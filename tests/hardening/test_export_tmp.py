"""An export's temporary files (ours, `export-<id>-*`, and openpyxl's `openpyxl.*`) are written
under EXPORT_TMP_DIR, not the system's temporary folder, and the hourly sweep removes those a
killed worker left there once no export can still be using them (older than its time limit)."""

import os
import signal
import tempfile
import time
from datetime import timedelta

import openpyxl.worksheet._writer as openpyxl_writer
import pytest
from django.utils import timezone

from incentives.services.exports import export_request, export_run, exports_expire
from tests.workers import many_lines, wait_for


@pytest.fixture
def export_tmp(settings, tmp_path):
    settings.EXPORT_TMP_DIR = tmp_path / "export-tmp"
    return settings.EXPORT_TMP_DIR


@pytest.mark.django_db
def test_an_xlsx_export_writes_its_temporary_files_under_the_projects_folder(
    partner_setup, export_tmp, monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    many_lines(partner_setup["distributor"], 50)
    created = []
    original = openpyxl_writer.create_temporary_file

    def spy(suffix=""):
        created.append(original(suffix))
        return created[-1]

    monkeypatch.setattr(openpyxl_writer, "create_temporary_file", spy)
    job = export_request(user=partner_setup["admin"], method="period", period="2026-10")
    job = export_run(job.pk)

    assert job.status == "completed"
    assert created and all(os.path.dirname(path) == str(export_tmp) for path in created)
    assert tempfile.tempdir != str(export_tmp)  # the process's own temporary folder is back
    assert list(export_tmp.iterdir()) == []  # a finished export leaves nothing behind


def test_the_sweep_removes_leftovers_older_than_the_export_time_limit(db, export_tmp, settings):
    export_tmp.mkdir(parents=True)
    old = time.time() - settings.EXPORT_TIME_LIMIT - 60
    leftovers = [
        export_tmp / "export-17-abc123.xlsx",
        export_tmp / "openpyxl.k2j3h4",
        export_tmp / "export-18-x.csv",
    ]
    fresh = export_tmp / "export-19-running.xlsx"
    unrelated = export_tmp / "notes.txt"
    for path in [*leftovers, fresh, unrelated]:
        path.write_bytes(b"x" * 1024)
    for path in [*leftovers, unrelated]:
        os.utime(path, (old, old))

    result = exports_expire()

    assert result["temporary_files_removed"] == 3
    assert sorted(p.name for p in export_tmp.iterdir()) == ["export-19-running.xlsx", "notes.txt"]


@pytest.mark.django_db(transaction=True)
def test_a_sigkilled_export_leaves_its_files_in_the_projects_folder_and_the_sweep_removes_them(
    partner_setup,
    worker_setup,  # noqa: F811
    export_tmp,
    tmp_path,
    settings,  # noqa: F811
):
    many_lines(partner_setup["distributor"], 20_000)
    limits = {"CELERY_VISIBILITY_TIMEOUT": 12, "CELERY_TASK_TIME_LIMIT": 10, "EXPORT_TIME_LIMIT": 10,
              "EXPORT_PROGRESS_ROWS": 200, "EXPORT_TMP_DIR": str(export_tmp)}  # fmt: skip
    worker = worker_setup("killed", **limits)
    try:
        job = export_request(user=partner_setup["admin"], method="period", period="2026-10")
        started = wait_for(job, lambda j: j.rows_written >= 200)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=15)
    finally:
        worker.kill() if worker.poll() is None else None
    assert started, (tmp_path / "killed.log").read_text()[-3000:]

    left = sorted(p.name for p in export_tmp.iterdir())
    assert any(name.startswith(f"export-{job.pk}-") for name in left), left
    assert any(name.startswith("openpyxl.") for name in left), left

    assert exports_expire(now=timezone.now())["temporary_files_removed"] == 0  # may still be in use
    # an hour and more later (past EXPORT_TIME_LIMIT): no export can still be writing them
    later = timezone.now() + timedelta(seconds=settings.EXPORT_TIME_LIMIT + 60)
    assert exports_expire(now=later)["temporary_files_removed"] == len(left)
    assert list(export_tmp.iterdir()) == []
