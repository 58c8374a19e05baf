from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomersConfig(AppConfig):
    name = "customers"
    verbose_name = _("Partners and customers")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_save

        from . import (
            checks,  # noqa: F401  (registers the deployment check)
            export_kinds,  # noqa: F401  (registers the anonymised customer export)
        )
        from .idle import started_at_sign_in
        from .services.tokens import api_tokens_end_on_password_change

        post_save.connect(
            api_tokens_end_on_password_change, sender=get_user_model(), dispatch_uid="tokens_pw"
        )
        user_logged_in.connect(started_at_sign_in, dispatch_uid="session_activity")
