"""One display format for money, rates and times, the same in Python, templates and e-mail."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template

from partner_center import formatting
from partner_center.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from partner_center.http_errors import api_exception_handler


@pytest.mark.parametrize(
    ("value", "currency", "shown"),
    [
        (Decimal("1234.5"), None, "1,234.50"),
        (Decimal("1234567.891"), "CNY", "CNY 1,234,567.89"),
        (Decimal("0"), "USD", "USD 0.00"),
        (Decimal("-12.30"), None, "-12.30"),
        (None, "CNY", ""),
    ],
)
def test_money(value, currency, shown):
    assert formatting.money(value, currency) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("0.050000"), "5.00%"),
        (Decimal("0.072500"), "7.25%"),
        (Decimal("0.033333"), "3.3333%"),
        (Decimal("0.1"), "10.00%"),
        (Decimal("1.25"), "125.00%"),
        (None, ""),
    ],
)
def test_rate_is_a_percentage_with_the_places_the_rate_has(value, shown):
    assert formatting.rate(value) == shown


def test_times_are_in_the_portal_zone_with_its_name(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    moment = datetime(2026, 10, 31, 16, 0, 5, tzinfo=UTC)
    assert formatting.local_time(moment) == "2026-11-01 00:00 Asia/Shanghai"
    assert formatting.local_time(moment, seconds=True) == "2026-11-01 00:00:05 Asia/Shanghai"


def test_templates_use_the_same_format(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    template = Template(
        "{% load display %}{{ amount|money:'CNY' }} | {{ rate|rate }} | {{ count|thousands }} | {{ at|when }}"
    )
    rendered = template.render(
        Context(
            {
                "amount": Decimal("98765.4"),
                "rate": Decimal("0.0315"),
                "count": 1234567,
                "at": datetime(2026, 1, 1, tzinfo=UTC),
            }
        )
    )
    assert rendered == "CNY 98,765.40 | 3.15% | 1,234,567 | 2026-01-01 08:00 Asia/Shanghai"


@pytest.mark.parametrize(
    ("error", "status"),
    [(InvalidInput("x"), 400), (Forbidden("x"), 403), (NotFound("x"), 404), (Conflict("x"), 409)],
)
def test_each_domain_error_has_one_http_status_in_the_api(error, status):
    response = api_exception_handler(error, {})
    assert (response.status_code, response.data) == (status, {"detail": "x"})
    assert isinstance(error, DomainError)
