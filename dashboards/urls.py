from django.urls import path

from .views import incentive

app_name = "dashboards"

urlpatterns = [
    path("incentives/", incentive.incentive_dashboard, name="incentives"),
]
