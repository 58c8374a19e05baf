"""{% load voucher_policies %}: the voucher rules (vouchers/policies.py) in templates."""

from django import template

from ..models import Voucher
from ..policies import voucher_is_recallable

register = template.Library()


@register.filter
def voucher_recallable(voucher: Voucher) -> bool:
    return voucher_is_recallable(voucher)
