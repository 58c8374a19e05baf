"""Sales > Incentives > Indicators (指标信息), under /incentives/indicators/."""

from django.urls import path

from .views import indicators

app_name = "indicators"

urlpatterns = [
    path("", indicators.indicator_list, name="list"),
    path("export/", indicators.indicator_export, name="export"),
    path("<int:pk>/", indicators.indicator_details, name="details"),
    path("<int:pk>/feedback/", indicators.indicator_feedback, name="feedback"),
]
