from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from customers.idle import keep_alive
from customers.languages import set_language
from customers.views import tokens
from customers.views.consent import customer_consent
from incentives.views.summary import home
from partner_center.observability import metrics

# Our pages for errors, in the user's language (partner_center/http_errors.py).
handler400 = "partner_center.http_errors.bad_request"
handler403 = "partner_center.http_errors.permission_denied"
handler404 = "partner_center.http_errors.page_not_found"
handler500 = "partner_center.unavailable.server_error"  # a 503 while the database is away

admin.site.site_header = _("Partner Center operations")
admin.site.site_title = _("Partner Center operations")

urlpatterns = [
    path("", home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/session/", keep_alive, name="session_keep_alive"),
    path("accounts/tokens/", tokens.token_list, name="api_tokens"),
    re_path(
        r"^accounts/tokens/(?P<token_key>[0-9A-Za-z_-]{1,25})/revoke/$",
        tokens.token_revoke,
        name="api_token_revoke",
    ),
    path("i18n/setlang/", set_language, name="set_language"),
    path("incentives/indicators/", include("dashboards.indicator_urls")),
    # the customer's own page (no sign-in): approve or revoke an authorisation with its e-mailed code
    re_path(r"^consent/(?P<token>[0-9A-Za-z_:-]{1,200})/$", customer_consent, name="customer_consent"),
    path("incentives/", include("incentives.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("customers/alerts/", include("dashboards.alert_urls")),
    path("customers/", include("customers.urls")),
    path("payments/", include("invoices.urls")),
    path("billing/", include("invoices.billing_urls")),
    path("api/v1/auth/", include("customers.api.auth_urls")),
    path("mdf/", include("mdf.urls")),
    path("vouchers/", include("vouchers.urls")),
    path("capabilities/", include("customers.capability_urls")),
    path("api/v1/vouchers/", include("vouchers.api.urls")),
    path("api/v1/mdf/", include("mdf.api.urls")),
    path("api/v1/", include("incentives.api.urls")),
    path("api/v1/", include("customers.api.urls")),
    path("api/v1/", include("invoices.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        # its script from ?script and its styles from a file: no inline script or style (the CSP)
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api/swagger_ui.html"),
        name="api-docs",
    ),
    path("admin/", admin.site.urls),
    path("metrics", metrics, name="metrics"),
]
