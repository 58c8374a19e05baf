"""Dashboards' Celery tasks: thin callers of the services, safe to run twice or at the same time."""

from celery import shared_task

from incentives.tasks import TRANSIENT

from .services.alerts import alerts_derive
from .services.customer_stats import customer_stats_refresh_all


@shared_task(**TRANSIENT)
def refresh_customer_stats():
    """Daily (beat, DASHBOARDS_DAILY_HOUR): the customer dashboard's figures of every partner."""
    return customer_stats_refresh_all()


@shared_task(**TRANSIENT)
def derive_customer_alerts():
    """Daily, after the figures: today's customer alerts; a rerun the same day creates nothing."""
    return alerts_derive()


@shared_task(**TRANSIENT)
def compute_indicators():
    """Daily: every active indicator's values per partner and period (an idempotent upsert)."""
    from .services.indicators import indicators_compute

    return indicators_compute()
