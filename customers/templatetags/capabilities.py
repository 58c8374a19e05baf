"""{% load capabilities %}{% if membership|can:"confirm_bill" %}: the capability table in templates."""

from django import template

from ..capabilities import Capability, membership_can

register = template.Library()


@register.filter
def can(membership, capability: str) -> bool:
    return membership_can(membership or None, Capability(capability))
