"""View decorators for partner pages."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .selectors import membership_of


def partner_required(view):
    """Signed in and a member of a partner; vendor staff without one get a page that says so."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if membership_of(request.user) is None:
            return render(request, "no_partner.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped
