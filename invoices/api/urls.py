from django.urls import path
from rest_framework.routers import SimpleRouter

from .invoice_requests import InvoiceableView, InvoiceRequestViewSet
from .payments import PayableViewSet, PaymentRequestViewSet

router = SimpleRouter()
router.register("payable", PayableViewSet, basename="payable")
router.register("payment-requests", PaymentRequestViewSet, basename="payment-request")
router.register("invoice-requests", InvoiceRequestViewSet, basename="invoice-request")

urlpatterns = [path("invoiceable/", InvoiceableView.as_view(), name="invoiceable"), *router.urls]
