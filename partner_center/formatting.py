"""The one display format for money, rates and times: pages, admin, e-mails and exports.

- money: thousands separator, exactly 2 places, optionally the currency code in front
  ("CNY 1,234.50"); the rounding rule itself is incentives/money.py's.
- rates: a percentage with the places the rate has, at least 2 (0.05 -> "5.00%",
  0.0725 -> "7.25%", 0.033333 -> "3.3333%"); exports write the number with RATE_NUMBER_FORMAT.
- times: in the portal's time zone (settings.TIME_ZONE), followed by the zone's name.
"""

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

MONEY_NUMBER_FORMAT = "#,##0.00"  # spreadsheet number format of money cells
RATE_NUMBER_FORMAT = "0.00##%"  # spreadsheet number format of rate cells (a percentage)
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


def money(value: Decimal | int | str | None, currency: str | None = None) -> str:
    """1234.5 -> "1,234.50"; with a currency, "CNY 1,234.50". None -> ""."""
    if value is None or value == "":
        return ""
    shown = format(Decimal(value), ",.2f")
    return f"{currency} {shown}" if currency else shown


def count(value: int | None) -> str:
    """12345 -> "12,345" (counts of rows, lines, incentives)."""
    return "" if value is None else f"{value:,}"


def rate(value: Decimal | str | None) -> str:
    """0.050000 -> "5.00%", 0.072500 -> "7.25%", 0.033333 -> "3.3333%" (never rounded away)."""
    if value is None or value == "":
        return ""
    percent = (Decimal(value) * _HUNDRED).normalize()
    if percent.as_tuple().exponent > -2:  # type: ignore[operator]
        percent = percent.quantize(_CENT)
    return f"{percent:f}%"


def time_zone_name() -> str:
    return settings.TIME_ZONE


def local_time(value: datetime | None, *, seconds: bool = False, zone: bool = True) -> str:
    """An aware datetime in the portal's time zone: "2026-10-31 23:59 Asia/Shanghai"."""
    if value is None:
        return ""
    shown = timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    return f"{shown} {time_zone_name()}" if zone else shown
