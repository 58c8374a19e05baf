from decimal import Decimal

import pytest

from incentives.money import line_amount, round_money


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2.665", "2.67"), ("2.664", "2.66"), ("2.675", "2.68"), ("-2.665", "-2.67"), ("0.005", "0.01")],
)
def test_rounding_is_half_up_to_the_cent(value, expected):
    assert round_money(Decimal(value)) == Decimal(expected)


def test_line_amount_is_revenue_times_rate_rounded_half_up():
    # 53.30 x 0.05 = 2.665 exactly: half-up gives 2.67 (banker's rounding would give 2.66)
    assert line_amount(Decimal("53.30"), Decimal("0.05")) == Decimal("2.67")


def test_money_refuses_floats():
    with pytest.raises(TypeError):
        round_money(2.665)
