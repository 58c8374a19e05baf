"""URLs of the benchmark commands only (never the portal's ROOT_URLCONF): the portal's own, plus
two reference requests that show what any signed-in page costs before it does its own work.

- "signed-in, empty response": session, user + membership + partner (one query), nothing shown;
- "signed-in shell": the same plus the portal's shell (top bar, menu, account) around nothing.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from partner_center.urls import urlpatterns as portal_urlpatterns

SIGNED_IN_EMPTY_URL = "/__benchmark__/signed-in/"
SIGNED_IN_SHELL_URL = "/__benchmark__/shell/"


@login_required
def signed_in_empty(request):
    request.user.membership  # noqa: B018 - what every partner page loads first
    return HttpResponse(b"")


@login_required
def signed_in_shell(request):
    return render(request, "base.html")


urlpatterns = [
    path(SIGNED_IN_EMPTY_URL.strip("/") + "/", signed_in_empty),
    path(SIGNED_IN_SHELL_URL.strip("/") + "/", signed_in_shell),
    *portal_urlpatterns,
]
