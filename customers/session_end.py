"""A request that arrives after its session ended (expired, signed out in another tab).

A page (a plain GET) goes to the sign-in page, as Django's login_required does. An htmx request
or a form post would otherwise get the sign-in page swapped into the portal, or a `next` that
is a POST-only URL: it leads the whole window to the sign-in page instead (htmx: HX-Redirect),
with the page the partner was on as `next`, and says that the action was not carried out, on
the sign-in page and once more after signing in. The API (DRF) is not involved: 401/403 JSON.
"""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_htmx.http import HttpResponseClientRedirect

SESSION_ENDED_KEY = "session_ended_action"  # kept through sign-in (login() cycles the session key)
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

# URL name -> (said on the sign-in page, said once signed in again)
NOT_DONE: dict[str, tuple[Promise, Promise]] = {
    "incentives:confirm_bill": (
        _("Your session had ended; the bill was not confirmed. Sign in and try again."),
        _("The bill was not confirmed because your session had ended. Please confirm it again."),
    ),
    "incentives:detail_feedback": (
        _("Your session had ended; your feedback was not saved. Sign in and try again."),
        _("Your feedback was not saved because your session had ended. Please write it again."),
    ),
    "incentives:export_new": (
        _("Your session had ended; no export was requested. Sign in and try again."),
        _("No export was requested because your session had ended. Please request it again."),
    ),
}
NOTHING_CHANGED = (
    _("Your session had ended; nothing was changed. Sign in and try again."),
    _("Nothing was changed because your session had ended. Please try again."),
)
SIGN_IN_AGAIN = _("Your session had ended. Sign in to continue.")


def session_ended(request: HttpRequest) -> HttpResponseBase:
    """The answer to a request from someone no longer signed in."""
    htmx = bool(getattr(request, "htmx", False))
    writes = request.method not in SAFE_METHODS
    if not htmx and not writes:
        return redirect_to_login(request.get_full_path())
    if writes:
        action = _url_name(request)
        key = action if action in NOT_DONE else ""
        messages.warning(request, str(NOT_DONE.get(key, NOTHING_CHANGED)[0]))
        request.session[SESSION_ENDED_KEY] = key
    else:
        messages.info(request, str(SIGN_IN_AGAIN))
    login_url = redirect_to_login(_page_of(request)).url
    return HttpResponseClientRedirect(login_url) if htmx else HttpResponseRedirect(login_url)


def signed_in_again(request: HttpRequest) -> None:
    """Once signed in again: say once more which action the ended session did not carry out."""
    if SESSION_ENDED_KEY in request.session:
        key = request.session.pop(SESSION_ENDED_KEY)
        messages.info(request, str(NOT_DONE.get(key, NOTHING_CHANGED)[1]))


def _url_name(request: HttpRequest) -> str:
    match = request.resolver_match
    return match.view_name if match else ""


def _page_of(request: HttpRequest) -> str:
    """The page the partner was on (path and query, this host only), to come back to."""
    htmx = getattr(request, "htmx", None)
    if htmx:
        candidate = htmx.current_url or ""
    elif request.method in SAFE_METHODS:
        candidate = request.get_full_path()
    else:
        candidate = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return "/"
    parts = urlsplit(candidate)
    if not parts.path.startswith("/"):
        return "/"
    return parts.path + (f"?{parts.query}" if parts.query else "")
