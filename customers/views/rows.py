"""What the Customer Management list shows per row, read as plain tuples (no model instances)."""

from typing import Any

from django.db.models import F, QuerySet
from django.urls import reverse

from partner_center.formatting import money, rate

from ..masking import mask_email, mask_mobile
from ..models import AssociationType, Customer, CustomerLevel, CustomerStatus, Industry

LISTED = (
    "pk",
    "name",
    "account",
    "association_type",
    "association_date",
    "account_manager",
    "reseller_name",
    "industry",
    "level",
    "available_quota",
    "discount",
    "status",
    "mobile",
    "email",
)
MARKER = 999_999_999_999  # reverse() once per page, then put each row's id in its place


class Row(dict):
    """A listed customer; `pk` is what keyset paging reads."""

    @property
    def pk(self) -> int:
        return self["pk"]


def listed(customers: QuerySet[Customer]) -> QuerySet:
    return customers.annotate(reseller_name=F("tier2_reseller__name")).values_list(*LISTED)


def as_row(values: tuple) -> Row:
    return Row(zip(LISTED, values, strict=True))


def shown_rows(rows: list[Row]) -> list[dict[str, Any]]:
    """Labels, formatted figures, masked contacts and the links of each row."""
    labels: dict[str, dict[str, Any]] = {
        "association_type": dict(AssociationType.choices),
        "industry": dict(Industry.choices),
        "level": dict(CustomerLevel.choices),
        "status": dict(CustomerStatus.choices),
    }
    page_url = reverse("customers:customer", args=[MARKER])
    reveal_mobile = reverse("customers:reveal", args=[MARKER, "mobile"])
    reveal_email = reverse("customers:reveal", args=[MARKER, "email"])
    shown = []
    for row in rows:
        pk = str(row["pk"])
        shown.append(
            row
            | {name: str(choices.get(row[name], row[name])) for name, choices in labels.items()}
            | {
                "status_code": row["status"],
                "url": page_url.replace(str(MARKER), pk),
                "quota": money(row["available_quota"]),
                "discount_shown": rate(row["discount"]),
                "mobile_masked": mask_mobile(row["mobile"]),
                "email_masked": mask_email(row["email"]),
                "reveal_mobile": reveal_mobile.replace(str(MARKER), pk),
                "reveal_email": reveal_email.replace(str(MARKER), pk),
            }
        )
    return shown
