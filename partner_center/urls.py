from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token

from customers.languages import set_language
from incentives.views.summary import home

# Our pages for errors, in the user's language (partner_center/http_errors.py).
handler400 = "partner_center.http_errors.bad_request"
handler403 = "partner_center.http_errors.permission_denied"
handler404 = "partner_center.http_errors.page_not_found"
handler500 = "partner_center.http_errors.server_error"

admin.site.site_header = _("Partner Center operations")
admin.site.site_title = _("Partner Center operations")

urlpatterns = [
    path("", home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("incentives/", include("incentives.urls")),
    path("mdf/", include("mdf.urls")),
    path("api/v1/auth/token/", obtain_auth_token, name="api-token"),
    path("api/v1/mdf/", include("mdf.api.urls")),
    path("api/v1/", include("incentives.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]
