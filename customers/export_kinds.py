"""The anonymised customer export (Customer Management > Export), registered once from
CustomersConfig.ready().

Admins only (Capability.EXPORT_CUSTOMERS), for requesting, for seeing the job in Export History
and for downloading it. Its rows are the customers the list's filters (kept on the job) select,
read through the requester's own selector; names, mobiles and e-mails are masked by the rules of
customers/masking.py before they are written, so no clear value reaches the file. The job, the
worker, Export History, the download, expiry and the formula rules are the shared ones.
"""

from collections.abc import Sequence

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from partner_center.errors import InvalidInput
from partner_center.exports.columns import MONEY, RATE, STATUS, Column, Columns
from partner_center.exports.registry import ExportKind, register

from .capabilities import Capability
from .filters.customers import CustomerFilter
from .masking import mask_email, mask_mobile, mask_name
from .models import AssociationType, Customer, CustomerStatus, Industry
from .selectors.customers import managed_customers_for

CUSTOMERS = "customers"
FILTER_NAMES = tuple(CustomerFilter.base_filters)

CUSTOMER_COLUMNS = Columns(
    [
        Column("name", _("Customer name"), width=24),
        Column("account", _("Customer account"), width=20),
        Column("association_type", _("Association type"), STATUS, choices=dict(AssociationType.choices)),
        Column("association_date", _("Association date"), width=14),
        Column("account_manager", _("Account manager"), width=18),
        Column("tier2_reseller__name", _("Tier-2 reseller"), width=24),
        Column("industry", _("Industry"), STATUS, choices=dict(Industry.choices)),
        Column("level", _("Level"), width=8),
        Column("available_quota", _("Available quota"), MONEY),
        Column("discount", _("Discount"), RATE),
        Column("status", _("Status"), STATUS, choices=dict(CustomerStatus.choices)),
        Column("mobile", _("Mobile"), width=14),
        Column("email", _("E-mail"), width=24),
    ]
)
# the cells anonymised, each with its mask
MASKED = (
    (CUSTOMER_COLUMNS.index("name"), mask_name),
    (CUSTOMER_COLUMNS.index("mobile"), mask_mobile),
    (CUSTOMER_COLUMNS.index("email"), mask_email),
)


def anonymised(row: Sequence) -> list:
    """A row as the file holds it: the name, mobile and e-mail masked (张** / 138****1234 / a***@…)."""
    values = list(row)
    for index, mask in MASKED:
        values[index] = mask(values[index] or "")
    return values


def _filterset(filters: dict, customers: QuerySet[Customer]) -> CustomerFilter:
    query = QueryDict(mutable=True)
    query.update(filters)
    return CustomerFilter(query, queryset=customers)


def clean_filters(data: dict) -> dict:
    """The filters a job keeps: the list's, each checked by its FilterSet; a bad one refuses."""
    given = {name: str(data[name])[:100] for name in FILTER_NAMES if data.get(name) not in (None, "")}
    form = _filterset(given, Customer.objects.none()).form
    if not form.is_valid():
        raise InvalidInput(gettext("Check the filters: %(fields)s.") % {"fields": ", ".join(form.errors)})
    return given


def export_customers(job) -> QuerySet[Customer]:
    """The requester's customers (their selector, so their scope) of the job's partner, filtered."""
    customers = managed_customers_for(job.requested_by).filter(partner_id=job.partner_id)
    return _filterset(job.filters or {}, customers).qs.order_by("pk")


def export_scope(job) -> list[tuple[str, object]]:
    """The filters in words; a name typed into the name filter is masked like the names."""
    filters = CustomerFilter.base_filters
    given = dict(job.filters or {})
    if given.get("name"):
        given["name"] = mask_name(given["name"])
    words = "; ".join(f"{filters[name].label}: {value}" for name, value in given.items())
    return [
        (gettext("Filters"), words or gettext("All customers")),
        (gettext("Anonymised"), gettext("Customer names, mobiles and e-mails are masked.")),
    ]


customers = register(
    ExportKind(
        name=CUSTOMERS,
        label=_("Customers (anonymised)"),
        sheet_title=_("Customers"),
        file_stem=pgettext_lazy("export file name", "customers"),
        columns=CUSTOMER_COLUMNS,
        rows=export_customers,
        count_label=_("Customers"),
        describe=export_scope,
        capability=Capability.EXPORT_CUSTOMERS.value,
        clean_filters=clean_filters,
        rewrite=anonymised,
        history_capability=Capability.EXPORT_CUSTOMERS.value,
    )
)
