from rest_framework.routers import SimpleRouter

from .payments import PayableViewSet, PaymentRequestViewSet

router = SimpleRouter()
router.register("payable", PayableViewSet, basename="payable")
router.register("payment-requests", PaymentRequestViewSet, basename="payment-request")

urlpatterns = router.urls
