from rest_framework.routers import DefaultRouter

from .views import ApplicationViewSet, ClaimViewSet, QuotaViewSet

router = DefaultRouter()
router.register("quotas", QuotaViewSet, basename="mdf-quota")
router.register("applications", ApplicationViewSet, basename="mdf-application")
router.register("claims", ClaimViewSet, basename="mdf-claim")

urlpatterns = router.urls
