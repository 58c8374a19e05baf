"""Capabilities > Capability certification (its own top menu, so its own URL prefix)."""

from django.urls import path, re_path

from .views import labels

app_name = "capabilities"

urlpatterns = [
    path("", labels.certification_list, name="certifications"),
    re_path(r"^badges/(?P<pk>[0-9]+)\.(?P<file_format>png|svg)$", labels.badge, name="badge"),
]
