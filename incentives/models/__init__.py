"""The incentive module's models, one module per topic; import them from here."""

from .base import MONEY, PERIOD_CODE, PERIOD_PATTERN, RATE, AppendOnlyModel, AppendOnlyQuerySet
from .catalogue import IncentiveProgram, ProgramRate, ReconciliationPeriod
from .exports import ExportFormat, ExportJob, ExportMethod, ExportStatus
from .lines import DetailLine, FeedbackAuthor, FeedbackLine, FeedbackMessage, FeedbackStatus, LineTotal
from .reminders import DeadlineReminder, ReminderKind
from .statements import Incentive, PayoutReview, Statement, StatementEvent, StatementStatus

__all__ = [
    "MONEY",
    "PERIOD_CODE",
    "PERIOD_PATTERN",
    "RATE",
    "AppendOnlyModel",
    "AppendOnlyQuerySet",
    "DeadlineReminder",
    "DetailLine",
    "ExportFormat",
    "ExportJob",
    "ExportMethod",
    "ExportStatus",
    "FeedbackAuthor",
    "FeedbackLine",
    "FeedbackMessage",
    "FeedbackStatus",
    "Incentive",
    "IncentiveProgram",
    "LineTotal",
    "PayoutReview",
    "ProgramRate",
    "ReconciliationPeriod",
    "ReminderKind",
    "Statement",
    "StatementEvent",
    "StatementStatus",
]
