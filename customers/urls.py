from django.urls import path, re_path

from .views import authorisations as auth
from .views import exports, management, prospecting, resources, sub_customers

app_name = "customers"

urlpatterns = [
    path("", management.customer_list, name="list"),
    path("<int:pk>/", management.customer_page, name="customer"),
    re_path(r"^(?P<pk>[0-9]+)/reveal/(?P<field>mobile|email)/$", management.reveal, name="reveal"),
    path("<int:pk>/resources/", resources.resource_list, name="resources"),
    path("<int:pk>/disassociate/", management.disassociate, name="disassociate"),
    path("export/", exports.export, name="export"),
    path("reveals/", management.reveal_audit, name="reveals"),
    path("sub-customers/", sub_customers.sub_customer_list, name="sub_customers"),
    path("authorisations/", auth.authorisation_list, name="authorisations"),
    path("authorisations/<int:pk>/", auth.authorisation_detail, name="authorisation"),
    path("authorisations/<int:pk>/approve/", auth.authorisation_approve, name="authorisation_approve"),
    path("authorisations/<int:pk>/reject/", auth.authorisation_reject, name="authorisation_reject"),
    path("<int:customer_pk>/authorise/", auth.authorisation_new, name="authorisation_new"),
    path("expansion/", prospecting.company_search, name="companies"),
    path("expansion/<int:pk>/", prospecting.company_page, name="company"),
    path("expansion/<int:company_pk>/report/", prospecting.report_new, name="report_new"),
    path("reports/", prospecting.report_list, name="reports"),
]
