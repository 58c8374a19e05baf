"""The portal's URLs plus views that fail on purpose, for the error page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from partner_center.urls import handler400, handler403, handler404, handler500  # noqa: F401
from partner_center.urls import urlpatterns as portal


def boom(request):
    raise RuntimeError("the database went away")


def denied(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("a forged header")


urlpatterns = [
    path("test/boom/", boom),
    path("test/denied/", denied),
    path("test/suspicious/", suspicious),
    path("api/v1/test/boom/", boom),
    *portal,
]
