"""The one place that turns a refused or failed request into an HTTP answer.

- API: `api_exception_handler` answers a DomainError as {"detail": message} with its status
  (400 / 403 / 404 / 409), everything else as DRF does.
- Pages: `DomainErrorMiddleware` turns a DomainError a view did not handle itself into the
  error page (or, under htmx, the error fragment) with its status and message. Views that
  want "a message, then back to the list" catch DomainError and call `flash_refusal`.
- Django's error handlers (partner_center/urls.py): `bad_request` 400, `permission_denied` 403,
  `page_not_found` 404, `server_error` 500: our pages in the user's language, the message alone
  for htmx, JSON under /api/. 500.html renders without a request, context processors or database.
- Under DEBUG (`make run`) the middleware answers Http404, PermissionDenied, bad requests and
  unknown URLs with the same pages, so nobody sees Django's debug pages with the URL list; a
  500 still logs its traceback to the console, and the page is ours.
- Logging (settings.LOGGING): partner_center/log_filters.py keeps an expected 4xx to one line.
"""

import base64
import hashlib
import re

from django.conf import settings
from django.contrib import messages
from django.core import signals
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import Resolver404, resolve
from django.utils.log import log_response
from django.utils.translation import gettext as _
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import DomainError, Forbidden, NotFound

PAGE_TEMPLATES = {Forbidden: "403.html", NotFound: "404.html"}
API_PREFIX = "/api/"


def api_exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return Response({"detail": exc.message}, status=exc.http_status)
    return drf_exception_handler(exc, context)


def error_page(request: HttpRequest, error: DomainError) -> HttpResponse:
    if getattr(request, "htmx", False):
        template = "_error_fragment.html"
    else:
        template = next(
            (name for kind, name in PAGE_TEMPLATES.items() if isinstance(error, kind)), "refused.html"
        )
    return render(request, template, {"message": error.message}, status=error.http_status)


def flash_refusal(request: HttpRequest, error: DomainError) -> None:
    messages.error(request, error.message)


def _answer(request: HttpRequest, template: str, message: str, status: int, api: str = "") -> HttpResponse:
    """Our page, its message alone for htmx (portal.js shows it), or JSON for the API."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": api or message}, status=status)
    if getattr(request, "htmx", False):
        template = "_error_fragment.html"
    return render(request, template, {"message": message}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400. The exception's text is for the log, not for the partner."""
    message = _("The request could not be understood. Reload the page and try again.")
    return _answer(request, "400.html", message, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler403: the reason (PermissionDenied's text is written for people), or a general one."""
    message = str(exception) if exception and str(exception) else _("You may not do this.")
    return _answer(request, "403.html", message, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler404. Http404's own text ("No Statement matches the given query.") is not shown."""
    message = _("There is no such page or record in your partner account.")
    return _answer(request, "404.html", message, 404, api=_("Not found."))


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a static page that needs no request context and no database."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": _("Server error.")}, status=500)
    return allow_inline_styles(HttpResponseServerError(loader.get_template("500.html").render()))


def allow_inline_styles(response: HttpResponse) -> HttpResponse:
    """The CSP admits exactly this page's inline styles, by hash: the pages that must render
    without static files (500.html, 503.html) style themselves inline."""
    styles = re.findall(rb"<style>(.*?)</style>", response.content, re.S)
    hashes = [f"'sha256-{base64.b64encode(hashlib.sha256(css).digest()).decode()}'" for css in styles]
    response._csp_update = {"style-src": hashes}  # type: ignore[attr-defined]  # django-csp reads it
    return response


class DomainErrorMiddleware:
    """Last in settings.MIDDLEWARE: every page error becomes one of our pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.DEBUG:  # Django would answer an unknown URL with its page listing the URLs
            try:
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404 as missing:
                return page_not_found(request, missing)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DomainError):
            return error_page(request, exception)
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return permission_denied(request, exception)
        if not settings.DEBUG:
            return None  # Django's own handling, with the handlers of partner_center/urls.py
        if isinstance(exception, (BadRequest, SuspiciousOperation)):
            response = bad_request(request, exception)
            log_response("%s: %s", str(exception), request.path, response=response, request=request)
            return response
        signals.got_request_exception.send(sender=None, request=request)
        response = server_error(request)
        # The traceback goes to the console, as Django logs it.
        log_response(
            "Internal Server Error: %s", request.path, response=response, request=request, exception=exception
        )
        return response
