from rest_framework.routers import DefaultRouter

from .summary import IncentiveViewSet, StatementViewSet

router = DefaultRouter()
router.register("incentives", IncentiveViewSet, basename="incentive")
router.register("statements", StatementViewSet, basename="statement")

urlpatterns = router.urls
