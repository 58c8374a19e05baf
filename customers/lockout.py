"""Brute-force protection: what a locked-out sign-in is told, and whose address counts.

django-axes counts failed sign-ins per username and per address (settings_security.py) and
refuses further attempts during the lockout, even with the right password. Its middleware
calls `lockout_response` for the answer: the sign-in page (or the admin's) with the reason,
or JSON for the API; both 429. Operators unlock in the admin (Axes > Access attempts).
"""

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_noop, ngettext

LOCKED_OUT_STATUS = 429

# django-axes ships no Chinese: the words its admin shows operators, for our catalog to translate.
AXES_ADMIN_TERMS = [
    gettext_noop("access attempt"), gettext_noop("access attempts"), gettext_noop("access log"),
    gettext_noop("access logs"), gettext_noop("access failure"), gettext_noop("access failures"),
    gettext_noop("User Agent"), gettext_noop("IP Address"), gettext_noop("Username"), gettext_noop("Path"),
    gettext_noop("Attempt Time"), gettext_noop("Failed Logins"), gettext_noop("Locked Out"),
    gettext_noop("Logout Time"), gettext_noop("Clean up expired attempts"), gettext_noop("Form Data"),
    gettext_noop("Meta Data"), gettext_noop("GET Data"), gettext_noop("POST Data"),
    gettext_noop("HTTP Accept"), gettext_noop("Access lock out"), gettext_noop("Attempt Remaining"),
    gettext_noop("Not set"), gettext_noop("Expires At"),
]  # fmt: skip


def lockout_message() -> str:
    minutes = settings.LOGIN_LOCKOUT_MINUTES
    return ngettext(
        "Too many failed sign-in attempts for this account or from this address. Signing in is "
        "blocked for %(minutes)d minute; try again later, or ask operations to unlock it.",
        "Too many failed sign-in attempts for this account or from this address. Signing in is "
        "blocked for %(minutes)d minutes; try again later, or ask operations to unlock it.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    message = lockout_message()
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": "locked_out"}, status=LOCKED_OUT_STATUS)
    # An unbound form carrying the message: binding it would try the password once more.
    form = AuthenticationForm(request, initial={"username": (credentials or {}).get("username", "")})
    form.cleaned_data, form._errors = {}, ErrorDict()  # type: ignore[attr-defined]
    form.add_error(None, message)
    template = "admin/login.html" if request.path.startswith("/admin/") else "registration/login.html"
    context = {"form": form, "next": request.POST.get("next", ""), "locked_out": True}
    if template.startswith("admin/"):
        from django.contrib import admin

        context |= admin.site.each_context(request)
    return render(request, template, context, status=LOCKED_OUT_STATUS)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: the peer's, or behind TRUSTED_PROXY_COUNT proxies the address the
    outermost trusted proxy saw (X-Forwarded-For read from the right, never a client's claim)."""
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
