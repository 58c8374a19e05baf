from django.urls import path
from rest_framework.routers import SimpleRouter

from .contracts import ContractViewSet
from .invoice_requests import InvoiceableView, InvoiceRequestViewSet
from .payments import PayableView, PaymentRequestViewSet

router = SimpleRouter()
router.register("payment-requests", PaymentRequestViewSet, basename="payment-request")
router.register("invoice-requests", InvoiceRequestViewSet, basename="invoice-request")
router.register("contracts", ContractViewSet, basename="contract")

urlpatterns = [
    path("payable/", PayableView.as_view(), name="payable"),
    path("invoiceable/", InvoiceableView.as_view(), name="invoiceable"),
    *router.urls,
]
