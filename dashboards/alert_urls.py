"""Sales > Customers > Customer alerts, under /customers/alerts/ beside Customer Management."""

from django.urls import path

from .views import alerts

app_name = "alerts"

urlpatterns = [
    path("", alerts.alert_list, name="list"),
    path("handle/", alerts.alert_list, {"tab": "handle"}, name="handle"),
    path("<int:pk>/", alerts.alert_page, name="alert"),
    path("<int:pk>/process/", alerts.alert_process_view, name="process"),
]
