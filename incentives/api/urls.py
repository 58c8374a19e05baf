from rest_framework.routers import DefaultRouter

from .details import DetailLineViewSet

router = DefaultRouter()
# Each area registers its viewsets here (summary, details, exports).
router.register("details", DetailLineViewSet, basename="details")

urlpatterns = router.urls
