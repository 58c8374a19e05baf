"""Voucher Celery tasks: thin callers of the services, safe to run twice or at the same time."""

from celery import shared_task

from incentives.tasks import TRANSIENT

from .services.recall import vouchers_recall_expired


@shared_task(**TRANSIENT)
def recall_expired_vouchers():
    """Beat runs this daily (00:15): vouchers past their last valid day are recalled once."""
    return vouchers_recall_expired()
