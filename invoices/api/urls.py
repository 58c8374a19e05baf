from django.urls import path
from rest_framework.routers import SimpleRouter

from .payments import PayableView, PaymentRequestViewSet

router = SimpleRouter()
router.register("payment-requests", PaymentRequestViewSet, basename="payment-request")

urlpatterns = [path("payable/", PayableView.as_view(), name="payable-list"), *router.urls]
