"""MDF models, one module per topic."""

from .applications import ActivityType, Application, ApplicationStatus, CostItem, CostKind
from .claims import Claim, ClaimItem, ClaimStatus, Proof, ProofKind
from .events import MdfEvent, MdfReminder, ReminderKind
from .quotas import Quota, QuotaSpan

__all__ = [
    "ActivityType",
    "Application",
    "ApplicationStatus",
    "Claim",
    "ClaimItem",
    "ClaimStatus",
    "CostItem",
    "CostKind",
    "MdfEvent",
    "MdfReminder",
    "Proof",
    "ProofKind",
    "Quota",
    "QuotaSpan",
    "ReminderKind",
]
