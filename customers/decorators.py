"""View decorators for partner pages."""

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render

from .selectors import membership_of

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django_htmx.middleware import HtmxDetails


class PartnerRequest(HttpRequest):
    """The request a @partner_required view gets (for the type checker only; at run time it is the
    plain HttpRequest): login_required let only a signed-in user through, and HtmxMiddleware
    (settings.MIDDLEWARE) set `request.htmx`."""

    user: "User"
    htmx: "HtmxDetails"


_View = TypeVar("_View", bound=Callable[..., HttpResponseBase])


def partner_required(view: _View) -> _View:
    """Signed in and a member of a partner; vendor staff without one get a page that says so."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if membership_of(request.user) is None:
            return render(request, "no_partner.html", status=403)
        return view(request, *args, **kwargs)

    return cast(_View, wrapped)
