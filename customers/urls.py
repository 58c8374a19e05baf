from django.urls import path, re_path

from .views import management, sub_customers

app_name = "customers"

urlpatterns = [
    path("", management.customer_list, name="list"),
    path("<int:pk>/", management.customer_page, name="customer"),
    re_path(r"^(?P<pk>[0-9]+)/reveal/(?P<field>mobile|email)/$", management.reveal, name="reveal"),
    path("reveals/", management.reveal_audit, name="reveals"),
    path("sub-customers/", sub_customers.sub_customer_list, name="sub_customers"),
]
