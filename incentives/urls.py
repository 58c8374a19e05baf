from django.urls import path

from . import views

app_name = "incentives"

urlpatterns = [
    path("summary/", views.summary, name="summary"),
    path("bills/<int:pk>/confirm/", views.confirm_bill, name="confirm_bill"),
    path("incentive/<str:incentive_id>/", views.incentive_detail, name="incentive"),
]
