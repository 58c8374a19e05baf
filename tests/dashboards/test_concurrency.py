"""The daily jobs and alert processing under real concurrency: PostgreSQL only."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal
from threading import Barrier

import pytest
from django.db import connections

from customers.models import Customer
from dashboards.models import AlertEvent, CustomerAlert, Indicator, IndicatorValue
from dashboards.services.alerts import alert_process, alerts_derive
from dashboards.services.indicators import indicators_compute
from tests import factories

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
TODAY = date(2026, 4, 10)


def at_once(count, work):
    barrier = Barrier(count)

    def run(number):
        try:
            barrier.wait()
            return work(number)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def test_four_derivations_at_once_raise_each_alert_once():
    partner = factories.PartnerFactory(kind="direct")
    factories.member(partner, "admin")
    for number in range(20):
        factories.CustomerFactory(
            partner=partner, budget=Decimal("100.00"), available_quota=Decimal(number % 3)
        )
    at_once(4, lambda _n: alerts_derive(today=TODAY))
    assert CustomerAlert.objects.count() == Customer.objects.filter(partner=partner).count() == 20
    assert alerts_derive(today=TODAY) == 0


def test_ten_handlers_processing_one_alert_give_one_event():
    partner = factories.PartnerFactory(kind="direct")
    admins = [factories.member(partner, "admin", username=f"admin{n}") for n in range(10)]
    factories.CustomerFactory(partner=partner, budget=Decimal("100.00"), available_quota=Decimal("1.00"))
    alerts_derive(today=TODAY)
    alert = CustomerAlert.objects.get()
    results = at_once(
        10, lambda n: alert_process(user=admins[n], alert_id=alert.pk, outcome="resolved", note="").changed
    )
    assert results.count(True) == 1
    assert AlertEvent.objects.filter(alert=alert).count() == 1


def test_two_indicator_runs_at_once_write_each_value_once():
    partner = factories.PartnerFactory(kind="direct")
    factories.bill(partner, lines=(("1000.00", "0.0500"), ("20.00", "0.0500")))
    Indicator.objects.create(code="R", name="R", scope="All", method="revenue_sum", period_kind="month")
    at_once(2, lambda _n: indicators_compute(today=date(2026, 11, 2)))
    value = IndicatorValue.objects.get(period_code="2026-10")
    assert (
        value.value == Decimal("1020.00")
        and IndicatorValue.objects.filter(period_code="2026-10").count() == 1
    )
