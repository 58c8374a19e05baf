from .alerts import AlertEvent, AlertOutcome, AlertScenario, AlertStatus, CustomerAlert
from .indicators import Indicator, IndicatorFeedback, IndicatorMethod, IndicatorValue, StatisticalPeriod
from .rollups import CustomerStat, IncentiveRollup, StatDimension

__all__ = [
    "AlertEvent",
    "AlertOutcome",
    "AlertScenario",
    "AlertStatus",
    "CustomerAlert",
    "CustomerStat",
    "Indicator",
    "IndicatorFeedback",
    "IndicatorMethod",
    "IndicatorValue",
    "StatisticalPeriod",
    "IncentiveRollup",
    "StatDimension",
]
