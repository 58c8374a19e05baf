from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MdfConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "mdf"
    verbose_name = _("Market development funds (MDF)")
