"""Audit rows of every app: written once, never changed or deleted."""

from django.db import models


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
