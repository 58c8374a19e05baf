import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partner_center.settings")

app = Celery("partner_center")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
