"""{% load languages %}: language codes as people and HTML read them."""

from django import template
from django.utils.translation import get_language_info, to_locale

register = template.Library()


@register.filter
def language_tag(code: str) -> str:
    """A BCP 47 tag for <html lang>: "zh-hans" -> "zh-Hans", "en" -> "en"."""
    return to_locale(code).replace("_", "-")


@register.filter
def language_name_local(code: str) -> str:
    """The language's name in itself ("English", "简体中文"), as a language switch shows it."""
    return get_language_info(code)["name_local"]
