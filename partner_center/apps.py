from django.apps import AppConfig


class PartnerCenterConfig(AppConfig):
    name = "partner_center"
    verbose_name = "Partner Center platform"

    def ready(self) -> None:
        from . import observability  # noqa: F401  (connects the Celery signals: task metrics)
