from rest_framework.routers import DefaultRouter

from .views import QuotaViewSet, RecordViewSet, VoucherViewSet

router = DefaultRouter()
router.register("quotas", QuotaViewSet, basename="voucher-quota")
router.register("records", RecordViewSet, basename="voucher-record")
router.register("vouchers", VoucherViewSet, basename="voucher")

urlpatterns = router.urls
