"""The partner tables of Incentive Management: columns, sorts and rows per page
(partner_center/tables.py), shared by the pages and the API.

Each sort is one an index serves, so a sorted page costs what the default one does: Details
by amount (index (partner, period, amount, id), keyset-paged on (amount, id)); the Summary by
period (its rows come in their bills' order, newest first by default).
"""

from django.utils.translation import gettext_lazy

from partner_center.paging import BY_PK, KeysetSort
from partner_center.tables import Column, TableSpec

DETAILS_TABLE = TableSpec(
    name="details",
    columns=(
        Column("select", "", optional=False),
        Column("incentive", gettext_lazy("Incentive ID"), priority="d-none d-md-table-cell"),
        Column("order", gettext_lazy("Order ID"), optional=False),
        Column("customer", gettext_lazy("Customer name")),
        Column("account", gettext_lazy("Customer account"), priority="d-none d-lg-table-cell"),
        Column("product", gettext_lazy("Product type"), priority="d-none d-md-table-cell"),
        Column("reseller", gettext_lazy("Tier-2 reseller"), priority="d-none d-xl-table-cell"),
        Column("manager", gettext_lazy("Account manager"), priority="d-none d-xl-table-cell"),
        Column("revenue", gettext_lazy("Revenue"), priority="d-none d-lg-table-cell"),
        Column("rate", gettext_lazy("Rate"), priority="d-none d-lg-table-cell"),
        Column("amount", gettext_lazy("Amount"), optional=False),
        Column("status", gettext_lazy("Status"), priority="d-none d-md-table-cell"),
        Column("feedback", gettext_lazy("Feedback")),
        Column("ops", gettext_lazy("Operation"), optional=False),
    ),
    page_sizes=(20, 50, 100),
    orderings=("", "-amount", "amount"),
)
DETAILS_SORTS = {
    "": BY_PK,
    "amount": KeysetSort("amount"),
    "-amount": KeysetSort("amount", descending=True),
}
SUMMARY_TABLE = TableSpec(
    name="summary",
    columns=(
        Column("incentive", gettext_lazy("Incentive ID"), optional=False),
        Column("period", gettext_lazy("Reconciliation period"), optional=False),
        Column("name", gettext_lazy("Incentive name")),
        Column("assoc", gettext_lazy("Association type"), priority="d-none d-xl-table-cell"),
        Column("amount", gettext_lazy("Incentive amount"), optional=False),
        Column("currency", gettext_lazy("Currency"), priority="d-none d-lg-table-cell"),
        Column("status", gettext_lazy("Status")),
        Column("deadline", gettext_lazy("Confirmation deadline"), priority="d-none d-md-table-cell"),
        Column("ops", gettext_lazy("Operation"), optional=False),
    ),
    page_sizes=(25, 50, 100),
    orderings=("", "-period", "period"),
)
# Export History lists the partner's newest exports (files expire after EXPORT_RETENTION_DAYS),
# one short page: no sort or page size, only the column chooser.
EXPORTS_TABLE = TableSpec(
    name="exports",
    columns=(
        Column("file", gettext_lazy("File name"), optional=False),
        Column("method", gettext_lazy("Export method"), priority="d-none d-lg-table-cell"),
        Column("period", gettext_lazy("Period"), priority="d-none d-md-table-cell"),
        Column("programs", gettext_lazy("Programs"), priority="d-none d-xxl-table-cell"),
        Column("by", gettext_lazy("Requested by"), priority="d-none d-xxl-table-cell"),
        Column("at", gettext_lazy("Requested at"), priority="d-none d-lg-table-cell"),
        Column("status", gettext_lazy("Status"), optional=False),
        Column("progress", gettext_lazy("Progress"), priority="d-none d-xl-table-cell"),
        Column("rows", gettext_lazy("Rows"), priority="d-none d-md-table-cell"),
        Column("size", gettext_lazy("Size"), priority="d-none d-xl-table-cell"),
        Column("finished", gettext_lazy("Finished at"), priority="d-none d-xxl-table-cell"),
        Column("expires", gettext_lazy("Expires at"), priority="d-none d-xl-table-cell"),
        Column("ops", gettext_lazy("Operation"), optional=False),
    ),
)
