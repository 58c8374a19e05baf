from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dashboards"
    verbose_name = _("Operations dashboards")

    def ready(self) -> None:
        from . import export_kinds  # noqa: F401  (registers the indicator values' export kind)
