from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class IncentivesConfig(AppConfig):
    name = "incentives"
    verbose_name = _("Incentive management")

    def ready(self) -> None:
        from . import export_kinds  # noqa: F401  (registers the incentive export kinds)
        from .operators import ensure_operators_group

        post_migrate.connect(ensure_operators_group, sender=self)
