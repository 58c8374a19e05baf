"""Each user's language: stored per user, applied on sign-in and on every request, kept in
Django's language cookie too. Anonymous users get the cookie or the browser's Accept-Language
(Django's LocaleMiddleware); a signed-in user's stored choice wins over both.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from .models import UserPreference


def user_language(user) -> str | None:
    """The language the user chose, or None (anonymous, or no choice made)."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        preference = user.preference  # loaded with the user by customers.auth (no extra query)
    except UserPreference.DoesNotExist:
        return None
    return preference.language or None


def current_language() -> str:
    """The active language as a code of settings.LANGUAGES (what a request speaks: the user's
    choice, the cookie or the browser's), for work done later in it (an export's file)."""
    try:
        return translation.get_supported_language_variant(translation.get_language() or "")
    except LookupError:
        return settings.LANGUAGE_CODE


def user_language_set(user, language: str) -> None:
    """Store the user's choice (a code of settings.LANGUAGES)."""
    preference, _created = UserPreference.objects.update_or_create(user=user, defaults={"language": language})
    user.preference = preference


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language (cookie, redirect to `next`), and the choice stored for the user."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if language in dict(settings.LANGUAGES) and request.user.is_authenticated:
        user_language_set(request.user, language)
    return response


class UserLanguageMiddleware:
    """After AuthenticationMiddleware: the signed-in user's stored language for this request,
    and the language cookie set to it (also on the sign-in response itself)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = user_language(request.user)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        language = user_language(request.user)  # the view may have signed someone in
        cookie = settings.LANGUAGE_COOKIE_NAME
        if language and request.COOKIES.get(cookie) != language and cookie not in response.cookies:
            response.set_cookie(
                cookie,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
