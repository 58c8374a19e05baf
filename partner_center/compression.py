"""Pages and API answers go out gzipped; downloads do not.

Django's GZipMiddleware pads compressed responses against BREACH (Django 4.2+), so pages that
carry a CSRF token are safe to compress. Streaming responses (export downloads) pass through
untouched: an xlsx file is a zip already, and a download keeps its Content-Length and progress.
Static files are compressed ahead of time by whitenoise and skip this too.
"""

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware


class PageGZipMiddleware(GZipMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if response.streaming:
            return response
        return super().process_response(request, response)
