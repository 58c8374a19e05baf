from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VouchersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "vouchers"
    verbose_name = _("Vouchers")

    def ready(self) -> None:
        from . import export_kinds  # noqa: F401 (registers the operation-log export)
