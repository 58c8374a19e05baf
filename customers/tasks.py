"""Celery tasks of the customers module: thin callers of the services, safe to run twice."""

from celery import shared_task

from incentives.tasks import TRANSIENT

from .services.authorisations import authorisations_expire
from .services.reports import reports_expire


@shared_task(**TRANSIENT)
def expire_authorisations() -> int:
    """Beat runs this every AUTHORISATION_EXPIRY_SWEEP_SECONDS."""
    return authorisations_expire()


@shared_task(**TRANSIENT)
def expire_customer_reports() -> int:
    """Beat runs this every CUSTOMER_REPORT_EXPIRY_SWEEP_SECONDS."""
    return reports_expire()
