"""{% load customer_policies %}: customers/policies.py in templates (never a status string compared)."""

from django import template

from .. import policies

register = template.Library()

register.filter("awaits_distributor", policies.authorisation_awaits_distributor)
register.filter("authorisation_is_pending", policies.authorisation_is_pending)
register.filter("authorisation_is_live", policies.authorisation_is_live)
register.filter("needs_authorisation", policies.customer_needs_authorisation)
register.filter("is_associated", policies.customer_is_associated)
