from rest_framework.routers import SimpleRouter

from .contracts import ContractViewSet
from .payments import PayableViewSet, PaymentRequestViewSet

router = SimpleRouter()
router.register("payable", PayableViewSet, basename="payable")
router.register("payment-requests", PaymentRequestViewSet, basename="payment-request")
router.register("contracts", ContractViewSet, basename="contract")

urlpatterns = router.urls
