"""The one rounding rule for money.

Amounts are Decimal with 2 places. A detail line's amount is revenue x rate, rounded half-up
to the cent (2.665 -> 2.67). Incentive and bill amounts are exact sums of already-rounded
lines, so totals agree to the cent on screen, in the API and in every export.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")
ROUNDING_RULE = _("revenue × rate, rounded half-up to 0.01 per detail line; totals are exact sums")


def round_money(value: Decimal) -> Decimal:
    if not isinstance(value, Decimal):
        raise TypeError(f"money must be Decimal, got {type(value).__name__}")
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def line_amount(revenue: Decimal, rate: Decimal) -> Decimal:
    return round_money(revenue * rate)
