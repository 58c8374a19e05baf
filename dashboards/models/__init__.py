from .alerts import AlertEvent, AlertOutcome, AlertScenario, AlertStatus, CustomerAlert
from .rollups import CustomerStat, IncentiveRollup, StatDimension

__all__ = [
    "AlertEvent",
    "AlertOutcome",
    "AlertScenario",
    "AlertStatus",
    "CustomerAlert",
    "CustomerStat",
    "IncentiveRollup",
    "StatDimension",
]
