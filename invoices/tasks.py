"""Celery tasks of payment requests: thin callers of the services, safe to run twice."""

from celery import shared_task

from incentives.tasks import TRANSIENT

from .services.holds import holds_sync_arrears
from .services.payment_auto import payment_requests_automatic


@shared_task(**TRANSIENT)
def sync_holds_from_arrears():
    """Beat runs this daily: holds for unpaid arrears, lifted the day after payment."""
    return holds_sync_arrears()


@shared_task(**TRANSIENT)
def submit_automatic_payment_requests():
    """Beat runs this monthly (and it may run more often: each incentive is requested once)."""
    return payment_requests_automatic()
