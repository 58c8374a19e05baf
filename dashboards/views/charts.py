"""What a chart is given: plain JSON numbers for drawing only; the tables beside it hold the exact figures."""

from decimal import Decimal


def as_number(value: Decimal | int) -> float:
    return float(value)  # drawing only: every shown figure is the Decimal in the table
