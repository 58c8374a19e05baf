"""Customer alerts: each scenario derived from small data, once per cause; processing closes and audits."""

from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from customers.models import Customer, Resource
from dashboards.models import AlertEvent, CustomerAlert
from dashboards.services.alerts import alert_process, alerts_derive
from partner_center.errors import Conflict, Forbidden, NotFound
from tests import factories

pytestmark = pytest.mark.django_db
TODAY = date(2026, 4, 10)  # March and February 2026 are the latest ended periods


@pytest.fixture
def alert_data(year_of_incentives):
    data = year_of_incentives
    partner, li, zhang = data["partner"], data["li"], data["zhang"]
    sales = data["sales"]
    sales.first_name, sales.last_name = "Li", "Wei"
    sales.save()
    # Zhang: revenue 500 in February, none in March (a bill of another customer exists for March)
    # Li: 1333.33 in January, 100 in March: not falling month on month (none in February)
    Resource.objects.create(
        partner=partner, customer=li, service="ECS", region="cn-north-4", billing_mode="yearly_monthly",
        start=date(2025, 4, 20), expiry=TODAY + timedelta(days=5), auto_renew=False,
    )  # fmt: skip
    Resource.objects.create(
        partner=partner, customer=li, service="RDS", region="cn-north-4", billing_mode="yearly_monthly",
        start=date(2025, 4, 20), expiry=TODAY + timedelta(days=5), auto_renew=True,
    )  # fmt: skip
    Customer.objects.filter(pk=zhang.pk).update(budget=Decimal("1000.00"), available_quota=Decimal("50.00"))
    return data


def alerts(**filters):
    return sorted(
        CustomerAlert.objects.filter(**filters).values_list("customer__account_manager", "scenario")
    )


def test_each_scenario_is_derived(alert_data, settings):
    settings.ALERT_IDLE_DAYS = 30
    assert alerts_derive(today=TODAY) == 5
    assert alerts(partner=alert_data["rival"]) == [("Li Wei", "no_consumption")]  # January only
    assert alerts(partner=alert_data["partner"]) == [
        ("Li Wei", "expiring_resource"),  # the RDS renews itself: no alert
        ("Zhang Min", "churn_risk"),  # 500 in February -> 0 in March
        ("Zhang Min", "no_consumption"),  # nothing since February (March ended within 30 days)
        ("Zhang Min", "quota_low"),  # 50 of 1000 left
    ]
    churn = CustomerAlert.objects.get(scenario="churn_risk")
    assert churn.cause == "2026-02>2026-03" and "500.00" in churn.detail
    # the handler: the sales user named like the account manager, else the partner's admin
    assert CustomerAlert.objects.get(scenario="expiring_resource").handler == alert_data["sales"]
    assert CustomerAlert.objects.get(scenario="quota_low").handler == alert_data["admin"]


def test_rerunning_the_job_creates_nothing_twice(alert_data):
    assert alerts_derive(today=TODAY) == 5
    assert alerts_derive(today=TODAY) == 0
    assert CustomerAlert.objects.count() == 5
    # a processed alert's cause is not raised again the next day
    quota = CustomerAlert.objects.get(scenario="quota_low")
    alert_process(user=alert_data["admin"], alert_id=quota.pk, outcome="resolved", note="budget raised")
    assert alerts_derive(today=TODAY + timedelta(days=1)) == 0


def test_the_management_command_twice_the_same_day(alert_data):
    out = StringIO()
    call_command("derive_alerts", "--with-figures", stdout=out)
    first = CustomerAlert.objects.count()
    call_command("derive_alerts", stdout=out)
    assert first > 0 and CustomerAlert.objects.count() == first
    assert "alerts raised: 0" in out.getvalue().splitlines()[-1]


def test_a_falling_customer_is_not_raised_below_the_threshold(alert_data, settings):
    settings.ALERT_CHURN_DROP = 1.0  # only a drop of more than 100%: never
    alerts_derive(today=TODAY)
    assert not CustomerAlert.objects.filter(scenario="churn_risk").exists()


def test_processing_closes_audits_and_is_idempotent(alert_data):
    alerts_derive(today=TODAY)
    alert = CustomerAlert.objects.get(scenario="expiring_resource")
    done = alert_process(
        user=alert_data["sales"], alert_id=alert.pk, outcome="not_lost", note="renewing by hand"
    )
    assert done.changed
    alert.refresh_from_db()
    assert (alert.status, alert.outcome, alert.processed_by) == ("closed", "not_lost", alert_data["sales"])
    event = AlertEvent.objects.get(alert=alert)
    assert (event.actor, event.outcome, event.note) == (alert_data["sales"], "not_lost", "renewing by hand")
    again = alert_process(user=alert_data["sales"], alert_id=alert.pk, outcome="not_lost", note="")
    assert not again.changed and AlertEvent.objects.filter(alert=alert).count() == 1
    with pytest.raises(Conflict):
        alert_process(user=alert_data["sales"], alert_id=alert.pk, outcome="lost", note="")


def test_only_the_handler_or_the_admin_processes(alert_data):
    alerts_derive(today=TODAY)
    quota = CustomerAlert.objects.get(scenario="quota_low")  # the admin's (Zhang Min has no user)
    other_sales = factories.member(alert_data["partner"], "sales", username="other-sales")
    with pytest.raises(NotFound):  # not their customer: they do not see it
        alert_process(user=other_sales, alert_id=quota.pk, outcome="resolved", note="")
    with pytest.raises(NotFound):
        alert_process(user=alert_data["rival_admin"], alert_id=quota.pk, outcome="resolved", note="")
    mine = CustomerAlert.objects.get(scenario="expiring_resource")
    CustomerAlert.objects.filter(pk=mine.pk).update(handler=alert_data["admin"])
    with pytest.raises(Forbidden):  # their customer, but handled by the admin
        alert_process(user=alert_data["sales"], alert_id=mine.pk, outcome="resolved", note="")
    assert alert_process(user=alert_data["admin"], alert_id=quota.pk, outcome="resolved", note="").changed


def test_the_pages_list_filter_and_process(client, alert_data):
    alerts_derive(today=TODAY)
    client.force_login(alert_data["admin"])
    response = client.get("/customers/alerts/", {"scenario": "quota_low"})
    assert response.status_code == 200 and response.context["count"] == 1
    assert client.get("/customers/alerts/", {"account_manager": "zhang"}).context["count"] == 3
    assert client.get("/customers/alerts/handle/").context["count"] == 4  # the admin handles any
    alert = CustomerAlert.objects.get(scenario="quota_low")
    response = client.post(f"/customers/alerts/{alert.pk}/process/", {"outcome": "lost", "note": "gone"})
    assert response.status_code == 302
    assert CustomerAlert.objects.get(pk=alert.pk).status == "closed"
    assert client.get("/customers/alerts/handle/").context["count"] == 3
    client.force_login(alert_data["sales"])  # Li Wei: their customer's alert only
    assert client.get("/customers/alerts/").context["count"] == 1
    client.force_login(alert_data["finance"])
    assert client.get("/customers/alerts/").status_code == 403


def test_processing_on_a_closed_alert_in_the_page_says_so(client, alert_data):
    alerts_derive(today=TODAY)
    alert = CustomerAlert.objects.get(scenario="quota_low")
    client.force_login(alert_data["admin"])
    client.post(f"/customers/alerts/{alert.pk}/process/", {"outcome": "lost"})
    response = client.post(f"/customers/alerts/{alert.pk}/process/", {"outcome": "resolved"}, follow=True)
    assert "already processed" in response.content.decode()
