from django.urls import path
from rest_framework.routers import SimpleRouter

from .customers import CustomerViewSet
from .labels import CertificationsView
from .prospecting import CompanyViewSet, CustomerReportViewSet
from .resources import ResourceViewSet

router = SimpleRouter()
router.register("customers", CustomerViewSet, basename="customer")
router.register("resources", ResourceViewSet, basename="resource")
router.register("companies", CompanyViewSet, basename="company")
router.register("customer-reports", CustomerReportViewSet, basename="customer-report")

urlpatterns = [*router.urls, path("certifications/", CertificationsView.as_view(), name="certifications")]
