from rest_framework.routers import SimpleRouter

from .customers import CustomerViewSet
from .labels import CertificationViewSet

router = SimpleRouter()
router.register("customers", CustomerViewSet, basename="customer")
router.register("certifications", CertificationViewSet, basename="certification")

urlpatterns = router.urls
