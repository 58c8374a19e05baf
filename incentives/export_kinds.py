"""The incentive app's export kinds, registered once from IncentivesConfig.ready().

A kind is the only thing that differs between exports (partner_center/exports/registry.py):
its rows and its columns. The job, the worker, Export History, downloads and the text rules
are shared.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partner_center.exports.columns import MONEY, RATE, STATUS, Column, Columns
from partner_center.exports.registry import ExportKind, register

from .models import FeedbackStatus, StatementStatus
from .selectors.exports import export_detail_lines, export_detail_scope

INCENTIVE_DETAILS = "incentive_details"

DETAIL_COLUMNS = Columns(
    [
        Column("incentive__incentive_id", _("Incentive ID"), width=20),
        Column("order_id", _("Order ID"), width=18),
        Column("period__code", _("Reconciliation period"), width=12),
        Column("program__name", _("Incentive program"), width=24),
        Column("customer__name", _("Customer name"), width=32),
        Column("customer__account", _("Customer account"), width=16),
        Column("product_type", _("Product type"), width=14),
        Column("tier2_reseller__name", _("Tier-2 reseller"), width=24),
        Column("account_manager", _("Account manager"), width=18),
        Column("revenue", _("Revenue"), MONEY, width=14),
        Column("rate", _("Rate"), RATE, width=9),
        Column("amount", _("Amount"), MONEY, total=True, total_label=_("Total amount"), width=14),
        # the bill's currency code, beside the amount it is the currency of; totals per currency
        Column("incentive__statement__currency", _("Currency"), width=9),
        Column("incentive__statement__status", _("Status"), STATUS, choices=dict(StatementStatus.choices)),
        # "" is "No feedback": left out of the labels, so it is an empty cell
        Column(
            "feedback_status",
            _("Feedback status"),
            STATUS,
            choices={value: label for value, label in FeedbackStatus.choices if value},
        ),
        Column("feedback", _("Feedback"), width=40),
    ],
    totals_by="incentive__statement__currency",
)


incentive_details = register(
    ExportKind(
        name=INCENTIVE_DETAILS,
        label=_("Incentive details"),
        sheet_title=_("Details"),
        file_stem=pgettext_lazy("export file name", "incentive-details"),
        columns=DETAIL_COLUMNS,
        rows=export_detail_lines,
        count_label=_("Detail lines"),
        job_total="amount",
        describe=export_detail_scope,
    )
)
