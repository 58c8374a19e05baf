from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from incentives.views import home

admin.site.site_header = _("Partner Center operations")
admin.site.site_title = _("Partner Center operations")

urlpatterns = [
    path("", home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("incentives/", include("incentives.urls")),
    path("admin/", admin.site.urls),
]
