from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def rate_percent(rate):
    """0.050000 -> "5.00%", 0.072500 -> "7.25%", 0.033333 -> "3.3333%" (never rounded away)."""
    if rate in (None, ""):
        return ""
    percent = (Decimal(rate) * 100).normalize()
    if percent.as_tuple().exponent > -2:
        percent = percent.quantize(Decimal("0.01"))
    return f"{percent}%"


@register.filter
def money(value):
    """Decimal to the cent with thousands separators: 1234.5 -> "1,234.50" (as intcomma, faster)."""
    if value in (None, ""):
        return ""
    return format(Decimal(value), ",.2f")
