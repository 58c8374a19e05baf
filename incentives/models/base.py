"""What the incentive models share: money and rate fields, the period code, append-only rows
(partner_center/append_only.py, re-exported here for the apps that import it from here)."""

from typing import TypedDict

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from partner_center.append_only import AppendOnlyModel, AppendOnlyQuerySet

__all__ = [
    "MONEY",
    "PERIOD_CODE",
    "PERIOD_PATTERN",
    "RATE",
    "AppendOnlyModel",
    "AppendOnlyQuerySet",
    "DecimalShape",
]


class DecimalShape(TypedDict):
    """The digits of a DecimalField, unpacked into it: `DecimalField(_("total"), **MONEY)`."""

    max_digits: int
    decimal_places: int


MONEY: DecimalShape = {"max_digits": 18, "decimal_places": 2}
RATE: DecimalShape = {"max_digits": 9, "decimal_places": 6}
PERIOD_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
PERIOD_CODE = RegexValidator(PERIOD_PATTERN, _("Use the form YYYY-MM, e.g. 2026-10."))
