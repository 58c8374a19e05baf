from rest_framework.routers import DefaultRouter

from .details import DetailLineViewSet
from .exports import ExportViewSet
from .summary import IncentiveViewSet, StatementViewSet

router = DefaultRouter()
router.register("incentives", IncentiveViewSet, basename="incentive")
router.register("statements", StatementViewSet, basename="statement")
router.register("details", DetailLineViewSet, basename="details")
router.register("exports", ExportViewSet, basename="export")

urlpatterns = router.urls
