from django.urls import path

from . import details_views, export_views, views

app_name = "incentives"

urlpatterns = [
    path("summary/", views.summary, name="summary"),
    path("bills/<int:pk>/confirm/", views.confirm_bill, name="confirm_bill"),
    path("incentive/<str:incentive_id>/", views.incentive_detail, name="incentive"),
    path("exports/", export_views.export_history, name="export_history"),
    path("exports/new/", export_views.export_new, name="export_new"),
    path("exports/<int:pk>/download/", export_views.export_download, name="export_download"),
    path("details/", details_views.details, name="details"),
    path("details/<int:pk>/", details_views.detail_line, name="detail_line"),
    path("details/<int:pk>/feedback/", details_views.detail_feedback, name="detail_feedback"),
]
