from django.urls import path, register_converter

from partner_center.params import TextConverter

from .views import details, exports, summary

app_name = "incentives"
register_converter(TextConverter, "text")

urlpatterns = [
    path("summary/", summary.summary, name="summary"),
    path("bills/<int:pk>/confirm/", summary.confirm_bill, name="confirm_bill"),
    path("incentive/<text:incentive_id>/", summary.incentive_detail, name="incentive"),
    path("exports/", exports.export_history, name="export_history"),
    path("exports/new/", exports.export_new, name="export_new"),
    path("exports/<int:pk>/download/", exports.export_download, name="export_download"),
    path("details/", details.details, name="details"),
    path("details/<int:pk>/", details.detail_line, name="detail_line"),
    path("details/<int:pk>/feedback/", details.detail_feedback, name="detail_feedback"),
]
