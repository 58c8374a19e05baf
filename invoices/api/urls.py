from rest_framework.routers import SimpleRouter

from .invoice_requests import InvoiceableViewSet, InvoiceRequestViewSet
from .payments import PayableViewSet, PaymentRequestViewSet

router = SimpleRouter()
router.register("payable", PayableViewSet, basename="payable")
router.register("payment-requests", PaymentRequestViewSet, basename="payment-request")
router.register("invoiceable", InvoiceableViewSet, basename="invoiceable")
router.register("invoice-requests", InvoiceRequestViewSet, basename="invoice-request")

urlpatterns = router.urls
