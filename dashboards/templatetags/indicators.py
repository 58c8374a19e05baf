"""{% load indicators %}: an indicator value as people read it (money, a count or a rate)."""

from django import template

from partner_center import formatting

from ..models import IndicatorMethod

register = template.Library()


@register.filter
def indicator_value(value) -> str:
    method = value.indicator.method
    if method == IndicatorMethod.GROWTH_RATE:
        return formatting.rate(value.value)
    if method == IndicatorMethod.REVENUE_SUM:
        return formatting.money(value.value)
    return formatting.count(int(value.value))
