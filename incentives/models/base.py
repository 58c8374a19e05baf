"""What the incentive models share: money and rate fields, the period code, append-only rows."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 18, "decimal_places": 2}
RATE = {"max_digits": 9, "decimal_places": 6}
PERIOD_CODE = RegexValidator(r"^\d{4}-(0[1-9]|1[0-2])$", _("Use the form YYYY-MM, e.g. 2026-10."))


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValueError("Audit events are append-only and cannot be changed.")

    def delete(self):
        raise ValueError("Audit events are append-only and cannot be deleted.")
