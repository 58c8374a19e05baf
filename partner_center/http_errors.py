"""The one place that turns a refused request into an HTTP answer.

- API: `api_exception_handler` answers a DomainError as {"detail": message} with its status
  (400 / 403 / 404 / 409), everything else as DRF does.
- Pages: `DomainErrorMiddleware` turns a DomainError a view did not handle itself into the
  error page (or, under htmx, the error fragment) with its status and message. Views that
  want "a message, then back to the list" catch DomainError and call `flash_refusal`.
- `permission_denied` is Django's handler403: the reason, as a page or an htmx fragment.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import DomainError, Forbidden, NotFound

PAGE_TEMPLATES = {Forbidden: "403.html", NotFound: "404.html"}


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


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DomainError):
            return error_page(request, exception)
        return None


def flash_refusal(request: HttpRequest, error: DomainError) -> None:
    messages.error(request, error.message)


def permission_denied(request, exception):
    """403 with the reason: a full page, or just the message for an htmx request."""
    template = "_error_fragment.html" if getattr(request, "htmx", False) else "403.html"
    return render(request, template, {"message": str(exception) if exception else ""}, status=403)
