from django.urls import path

from .views import customers, incentive

app_name = "dashboards"

urlpatterns = [
    path("incentives/", incentive.incentive_dashboard, name="incentives"),
    path("customers/", customers.customer_dashboard, name="customers"),
]
