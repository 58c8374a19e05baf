"""Celery settings that make redelivery safe: every task may run twice, none may be lost."""

import subprocess
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError

from incentives.tasks import confirm_overdue_statements, send_deadline_reminders
from partner_center.celery import app
from tests.project.test_settings import CLEAN, ROOT

BROKER_PROBE = """
import django; django.setup()
from django.conf import settings as s
print(s.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout"), s.CELERY_TASK_TIME_LIMIT)
"""


def _settings(**env):
    return subprocess.run(
        [sys.executable, "-c", BROKER_PROBE],
        cwd=ROOT,
        env={**CLEAN, "DJANGO_DEBUG": "true", "CELERY_BROKER_URL": "redis://cache:6379/0", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_tasks_are_acknowledged_after_running_and_redelivered_if_the_worker_dies():
    conf = app.conf
    assert conf.task_acks_late is True and conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_serializer == "json" and list(conf.accept_content) == ["json"]


def test_task_time_limits_stay_below_the_brokers_visibility_timeout():
    conf = app.conf
    assert conf.task_soft_time_limit < conf.task_time_limit < settings.CELERY_VISIBILITY_TIMEOUT
    redis = _settings(CELERY_TASK_TIME_LIMIT="120", CELERY_VISIBILITY_TIMEOUT="900")
    assert redis.stdout.split() == ["900", "120"], redis.stderr


def test_settings_refuse_a_time_limit_that_reaches_the_visibility_timeout():
    result = _settings(CELERY_TASK_TIME_LIMIT="900", CELERY_VISIBILITY_TIMEOUT="900")
    assert result.returncode != 0
    assert "CELERY_TASK_TIME_LIMIT must be below CELERY_VISIBILITY_TIMEOUT" in result.stderr


def test_tasks_retry_with_backoff_on_transient_database_errors_only():
    for task in (confirm_overdue_statements, send_deadline_reminders):
        assert set(task.autoretry_for) == {OperationalError, InterfaceError}
        assert task.retry_backoff and task.retry_jitter and task.max_retries
