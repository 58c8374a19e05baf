from rest_framework.routers import DefaultRouter

router = DefaultRouter()
# Each area registers its viewsets here (summary, details, exports).

urlpatterns = router.urls
