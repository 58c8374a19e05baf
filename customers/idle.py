"""The sessions' idle timeout: a session unused for SESSION_IDLE_SECONDS has ended.

The session's own expiry does it: SESSION_COOKIE_AGE is the idle timeout, so the cookie, the
cache entry and the database row all end then unless the session is saved again. A signed-in
request saves it again (sliding the expiry) only when the last save is SESSION_REFRESH_SECONDS
old, so most requests still read the session from the cache and write nothing. The page is
told when the session ends (`session_timeout` context) and warns before (static/js/session.js).
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

ACTIVITY_KEY = "_last_activity"  # when the session was last saved for being used (epoch seconds)


class SessionIdleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if SESSION_KEY in session:
            now = int(time.time())
            last = session.get(ACTIVITY_KEY, 0)
            if now - last >= settings.SESSION_REFRESH_SECONDS:
                session[ACTIVITY_KEY] = last = now  # modified: saved, with a fresh expiry
            request.session_ends_at = last + settings.SESSION_COOKIE_AGE  # type: ignore[attr-defined]
        return self.get_response(request)


def session_timeout(request: HttpRequest) -> dict:
    """Template context: seconds until the signed-in session ends if unused, and the warning."""
    ends_at = getattr(request, "session_ends_at", None)
    if ends_at is None:
        return {}
    return {
        "session_timeout": {
            "left": max(0, ends_at - int(time.time())),
            "age": settings.SESSION_COOKIE_AGE,
            "refresh": settings.SESSION_REFRESH_SECONDS,
            "warning": settings.SESSION_WARNING_SECONDS,
        }
    }


@never_cache
@require_POST
def keep_alive(request: HttpRequest) -> HttpResponse:
    """ "Stay signed in": the middleware has already slid the expiry; 204, or 401 once it ended."""
    if SESSION_KEY not in request.session:
        return HttpResponse(status=401)
    request.session[ACTIVITY_KEY] = int(time.time())
    return HttpResponse(status=204)


def started_at_sign_in(sender, request: HttpRequest, user, **kwargs) -> None:
    """user_logged_in: the new session counts as used now (saved with the sign-in itself)."""
    if request is not None and hasattr(request, "session"):
        request.session[ACTIVITY_KEY] = int(time.time())
