from django.urls import path

from . import details_views

app_name = "incentives"

# Summary, Details and Export History are added here by their own issues; the menu in
# partner_center/navigation.py shows each entry as soon as its URL name exists.
urlpatterns: list = []

urlpatterns += [
    path("details/", details_views.details, name="details"),
    path("details/<int:pk>/", details_views.detail_line, name="detail_line"),
    path("details/<int:pk>/feedback/", details_views.detail_feedback, name="detail_feedback"),
]
