"""{% load display %}: the one display format (partner_center/formatting.py) in templates."""

from django import template

from partner_center import formatting

register = template.Library()


@register.filter
def money(value, currency=None):
    """{{ amount|money }} -> "1,234.50"; {{ amount|money:bill.currency }} -> "CNY 1,234.50"."""
    return formatting.money(value, currency)


@register.filter
def thousands(value):
    """{{ totals.count|thousands }} -> "12,345"."""
    return formatting.count(value)


@register.filter
def rate(value):
    """{{ line.rate|rate }} -> "7.25%"."""
    return formatting.rate(value)


@register.filter
def when(value):
    """{{ bill.confirmation_deadline|when }} -> "2026-10-31 23:59 Asia/Shanghai"."""
    return formatting.local_time(value)


@register.filter
def when_seconds(value):
    return formatting.local_time(value, seconds=True)
