from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomersConfig(AppConfig):
    name = "customers"
    verbose_name = _("Partners and customers")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment check)
