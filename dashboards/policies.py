"""What an alert's state allows (views, templates and services read these)."""

from .models import AlertScenario, AlertStatus, CustomerAlert


def alert_is_open(alert: CustomerAlert) -> bool:
    return alert.status == AlertStatus.OPEN


def alert_is_risk(alert: CustomerAlert) -> bool:
    """Its type: a churn risk is a risk, the other scenarios are reminders."""
    return alert.scenario == AlertScenario.CHURN_RISK
