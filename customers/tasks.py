"""Celery tasks of the customers module: thin callers of the services, safe to run twice."""

from celery import shared_task

from incentives.tasks import TRANSIENT

from .services.authorisations import authorisations_expire
from .services.renewal_digests import renewal_digests_send
from .services.reports import reports_expire


@shared_task(**TRANSIENT)
def expire_authorisations() -> int:
    """Beat runs this every AUTHORISATION_EXPIRY_SWEEP_SECONDS."""
    return authorisations_expire()


@shared_task(**TRANSIENT)
def expire_customer_reports() -> int:
    """Beat runs this every CUSTOMER_REPORT_EXPIRY_SWEEP_SECONDS."""
    return reports_expire()


@shared_task(**TRANSIENT)
def send_renewal_digests() -> int:
    """Beat runs this hourly from RENEWAL_DIGEST_HOUR; each manager's digest goes once a day."""
    return renewal_digests_send()
