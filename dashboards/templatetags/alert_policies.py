"""{% load alert_policies %}: the alerts' state rules (dashboards/policies.py) for templates."""

from django import template

from .. import policies

register = template.Library()
register.filter("alert_is_open", policies.alert_is_open)
register.filter("alert_is_risk", policies.alert_is_risk)
