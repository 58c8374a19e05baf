"""End to end: a real Celery beat and worker on the configured broker (Redis in CI, the
filesystem transport on the embedded default) confirm a bill once its deadline passes,
with nobody calling the task."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from incentives.models import Statement, StatementStatus
from tests import factories
from tests.workers import start, start_worker, stop, worker_env

pytestmark = pytest.mark.django_db(transaction=True)
WAIT_SECONDS = 90


def test_beat_and_worker_confirm_a_bill_after_its_deadline_without_anyone_calling_the_task(tmp_path):
    statement = factories.overdue_bills(1, overdue_by=timedelta(seconds=-3))[0]
    assert statement.confirmation_deadline > timezone.now()
    env = worker_env(tmp_path, CONFIRM_SWEEP_SECONDS=1, REMINDER_SWEEP_SECONDS=3600)
    logs = {name: open(tmp_path / f"{name}.log", "w") for name in ("worker", "beat")}
    processes = []
    try:
        processes.append(start_worker(env, logs["worker"]))
        processes.append(start(["beat", "--schedule", str(tmp_path / "beat-schedule")], env, logs["beat"]))
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline and all(p.poll() is None for p in processes):
            statement.refresh_from_db()
            if statement.status == StatementStatus.ISSUING:
                break
            time.sleep(0.5)
    finally:
        for process in processes:
            stop(process)
        for log in logs.values():
            log.close()

    full_logs = {name: (tmp_path / f"{name}.log").read_text() for name in logs}
    output = "\n".join(f"--- {name}\n{text[-3000:]}" for name, text in full_logs.items())
    assert statement.status == StatementStatus.ISSUING, output
    assert statement.confirmed_by is None
    event = Statement.objects.get(pk=statement.pk).events.get()
    assert (event.actor, event.actor_label) == (None, "System (deadline passed)")
    assert "incentives.tasks.confirm_overdue_statements" in output
    # The banner is at the top of the worker's log, long before the tail shown on failure.
    assert f"transport:   {settings.CELERY_BROKER_URL.split('://')[0]}://" in full_logs["worker"]
