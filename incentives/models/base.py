"""What the incentive models share: money and rate fields, the period code, append-only rows."""

from typing import TypedDict

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class DecimalShape(TypedDict):
    """The digits of a DecimalField, unpacked into it: `DecimalField(_("total"), **MONEY)`."""

    max_digits: int
    decimal_places: int


MONEY: DecimalShape = {"max_digits": 18, "decimal_places": 2}
RATE: DecimalShape = {"max_digits": 9, "decimal_places": 6}
PERIOD_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
PERIOD_CODE = RegexValidator(PERIOD_PATTERN, _("Use the form YYYY-MM, e.g. 2026-10."))


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValueError("Audit events are append-only and cannot be changed.")

    def delete(self):
        raise ValueError("Audit events are append-only and cannot be deleted.")


class AppendOnlyModel(models.Model):
    """Rows that are written once and never changed or deleted: audit trails.

    Guarded here (instances and querysets) and, on PostgreSQL, by a trigger in the migrations.
    """

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError(f"{self._meta.verbose_name_plural} are append-only and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(f"{self._meta.verbose_name_plural} are append-only and cannot be deleted.")
