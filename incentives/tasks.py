"""Celery tasks: thin callers of the services, safe to run twice or at the same time.

The settings make every task late-acknowledged (redelivered if a worker dies) and bounded
by a time limit below the broker's visibility timeout. Retries are only for transient
database errors; a business error is not retried.
"""

from typing import TypedDict

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from .services.exports import export_run, exports_expire
from .services.reminders import reminders_send_due
from .services.statements import statements_confirm_overdue


class RetryOptions(TypedDict):
    autoretry_for: tuple[type[BaseException], ...]
    retry_backoff: int
    retry_backoff_max: int
    retry_jitter: bool
    max_retries: int


TRANSIENT: RetryOptions = {
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(**TRANSIENT)
def confirm_overdue_statements():
    """Beat runs this every CONFIRM_SWEEP_SECONDS."""
    return statements_confirm_overdue()


@shared_task(**TRANSIENT)
def send_deadline_reminders():
    """Beat runs this every REMINDER_SWEEP_SECONDS."""
    return reminders_send_due()


@shared_task(
    time_limit=settings.EXPORT_TIME_LIMIT,
    soft_time_limit=settings.EXPORT_TIME_LIMIT * 9 // 10,
    **TRANSIENT,
)
def build_export(job_id):
    """Queued by export_request on commit; rebuilds from scratch if delivered again."""
    job = export_run(job_id)
    return {"job": job.pk, "status": job.status, "rows": job.rows_written}


@shared_task(**TRANSIENT)
def expire_exports():
    """Beat runs this every EXPORT_EXPIRY_SWEEP_SECONDS."""
    return exports_expire()
