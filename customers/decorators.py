"""View decorators for partner pages.

`partner_required`: signed in (a request whose session ended is answered by
customers/session_end.py), a member of a partner, and never kept by a cache or the browser's
back/forward cache (`Cache-Control: no-store`): a page with actions is always fetched fresh, so
Back never shows a bill's old status with a live OK.
"""

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from .selectors import membership_of
from .session_end import session_ended, signed_in_again

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django_htmx.middleware import HtmxDetails


class PartnerRequest(HttpRequest):
    """The request a @partner_required view gets (for the type checker only; at run time it is the
    plain HttpRequest): partner_required let only a signed-in user through, and HtmxMiddleware
    (settings.MIDDLEWARE) set `request.htmx`."""

    user: "User"
    htmx: "HtmxDetails"


_View = TypeVar("_View", bound=Callable[..., HttpResponseBase])


def partner_required(view: _View) -> _View:
    """Signed in and a member of a partner; vendor staff without one get a page that says so.
    The answer is never stored (no-store), whatever it is."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            response = session_ended(request)
        elif membership_of(request.user) is None:
            response = render(request, "no_partner.html", status=403)
        else:
            signed_in_again(request)
            response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return cast(_View, wrapped)
