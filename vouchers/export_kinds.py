"""The voucher operation log's export kind, registered once from VouchersConfig.ready().

Its rows are the job's partner's records that the log page's filters (kept on the job) select;
the job, the worker, Export History and the download are the shared ones.
"""

from django.http import QueryDict
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from partner_center.errors import InvalidInput
from partner_center.exports.columns import DATE, MONEY, STATUS, Column, Columns
from partner_center.exports.registry import ExportKind, register

from .filters import FILTER_NAMES, OperationRecordFilter
from .models import Operation, OperationResult
from .selectors.vouchers import records_of_partner

VOUCHER_OPERATIONS = "voucher_operations"

RECORD_COLUMNS = Columns(
    [
        Column("at", _("Time"), DATE),
        Column("operation", _("Operation type"), STATUS, choices=dict(Operation.choices), width=30),
        Column("result", _("Result"), STATUS, choices=dict(OperationResult.choices), width=12),
        Column("customer_name", _("Customer"), width=32),
        Column("quota_number", _("Quota number"), width=16),
        Column("voucher_number", _("Voucher ID"), width=18),
        Column("amount", _("Amount"), MONEY, total=True, total_label=_("Total amount")),
        Column("operator_label", _("Operator"), width=18),
        Column("message", _("Details"), width=40),
    ]
)


def clean_filters(data: dict) -> dict:
    """The filters a job keeps: the log page's, each checked by its FilterSet; a bad one refuses."""
    given = {name: str(data[name])[:100] for name in FILTER_NAMES if data.get(name) not in (None, "")}
    query = QueryDict(mutable=True)
    query.update(given)
    form = OperationRecordFilter(query, queryset=records_of_partner(0)).form
    if not form.is_valid():
        raise InvalidInput(gettext("Check the filters: %(fields)s.") % {"fields": ", ".join(form.errors)})
    return given


def export_records(job):
    query = QueryDict(mutable=True)
    query.update(job.filters or {})
    return OperationRecordFilter(query, queryset=records_of_partner(job.partner_id)).qs.order_by("at", "id")


def export_scope(job) -> list[tuple[str, object]]:
    filters = OperationRecordFilter.base_filters
    words = "; ".join(f"{filters[name].label}: {value}" for name, value in (job.filters or {}).items())
    return [(gettext("Filters"), words or gettext("All operation records"))]


voucher_operations = register(
    ExportKind(
        name=VOUCHER_OPERATIONS,
        label=_("Voucher operation records"),
        sheet_title=_("Operation records"),
        file_stem=pgettext_lazy("export file name", "voucher-operation-records"),
        columns=RECORD_COLUMNS,
        rows=export_records,
        count_label=_("Operation records"),
        describe=export_scope,
        capability="export_voucher_log",
        clean_filters=clean_filters,
    )
)
