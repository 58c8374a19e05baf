"""Contacts and names read masked wherever they are not revealed."""

import pytest

from customers.masking import mask_email, mask_mobile, mask_name


@pytest.mark.parametrize(
    ("value", "shown"),
    [("13812341234", "138****1234"), ("+8613812341234", "+86****1234"), ("12345", "***45"), ("", "")],
)
def test_mobile_keeps_its_first_three_and_last_four_digits(value, shown):
    assert mask_mobile(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [("alice@example.com", "a***@example.com"), ("b@x.cn", "b***@x.cn"), ("broken", "b***"), ("", "")],
)
def test_email_keeps_the_first_letter_and_the_domain(value, shown):
    assert mask_email(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"), [("张三丰", "张**"), ("张三", "张**"), ("Alice", "A****"), ("", "")]
)
def test_name_keeps_its_first_character(value, shown):
    assert mask_name(value) == shown
