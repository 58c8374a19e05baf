"""{% load mdf_policies %}: MDF templates ask the rules (mdf/policies.py), never compare statuses.

{% if application|mdf_editable %}  {% if application|mdf_cancellable %}  {% if claim|mdf_claim_editable %}
"""

from django import template

from .. import policies

register = template.Library()


@register.filter
def mdf_editable(application) -> bool:
    return policies.application_is_editable(application)


@register.filter
def mdf_cancellable(application) -> bool:
    return policies.application_is_cancellable(application)


@register.filter
def mdf_claimable(application) -> bool:
    return policies.application_is_claimable(application)


@register.filter
def mdf_claim_editable(claim) -> bool:
    return policies.claim_is_editable(claim)


@register.filter
def mdf_claim_of(application):
    """The application's claim, or None."""
    return getattr(application, "claim", None)


@register.filter
def is_checkbox(bound_field) -> bool:
    return getattr(bound_field.field.widget, "input_type", "") == "checkbox"
