"""{% load operators_admin %}{% waiting_for_operators %}: the admin index's "waiting" box."""

from django import template

from ..admin.waiting import waiting_for_operators as waiting

register = template.Library()


@register.inclusion_tag("admin/incentives/waiting.html", takes_context=True)
def waiting_for_operators(context: template.Context) -> dict:
    return {"waiting": waiting(context["request"].user)}
