from django.urls import path
from rest_framework.routers import SimpleRouter

from .customers import CustomerViewSet
from .labels import CertificationsView

router = SimpleRouter()
router.register("customers", CustomerViewSet, basename="customer")

urlpatterns = [*router.urls, path("certifications/", CertificationsView.as_view(), name="certifications")]
