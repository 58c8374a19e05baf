"""Indicator values for each statistical method, checked by hand on the small year of lines."""

from datetime import date
from decimal import Decimal

import pytest

from dashboards.models import Indicator, IndicatorFeedback, IndicatorValue
from dashboards.services.indicators import (
    indicator_feedback_reply,
    indicator_feedback_write,
    indicators_compute,
)
from partner_center.errors import Forbidden, NotFound

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 2)


def indicator(code, method, period_kind, **more):
    return Indicator.objects.create(
        code=code, name=code, scope="All", method=method, period_kind=period_kind, **more
    )


@pytest.fixture
def indicators(year_of_incentives):
    data = year_of_incentives
    made = {
        "rev": indicator("REV", "revenue_sum", "month"),
        "rsl": indicator("RSLQ", "revenue_sum", "quarter", program=data["resale"]),
        "pay": indicator("PAY", "paying_customers", "year"),
        "grow": indicator("GRO", "growth_rate", "month"),
        "new": indicator("NEW", "new_customers", "year"),
    }
    indicators_compute(today=TODAY)
    return {**data, **made}


def value(of, partner, code):
    return IndicatorValue.objects.get(indicator=of, partner=partner, period_code=code)


def test_each_method_on_hand_checked_data(indicators):
    p = indicators["partner"]
    january = value(indicators["rev"], p, "2026-01")
    assert (january.value, january.row_count) == (Decimal("3333.33"), 3)  # 1000 + 333.33 + 2000
    assert value(indicators["rev"], p, "2026-02").value == Decimal("500.00")
    assert value(indicators["rsl"], p, "2026-Q1").value == Decimal(
        "1933.33"
    )  # resale only: 1333.33 + 500 + 100
    assert value(indicators["rsl"], p, "2026-Q1").row_count == 4
    assert value(indicators["pay"], p, "2026").value == 2  # Li and Zhang
    assert value(indicators["pay"], p, "2025").value == 1
    assert value(indicators["grow"], p, "2026-02").value == Decimal("-0.8500")  # 500 against 3333.33
    assert value(indicators["grow"], p, "2026-03").value == Decimal("-0.8000")  # 100 against 500
    assert value(indicators["grow"], p, "2025-02").value == Decimal("-1.0000")  # nothing after 400
    assert not IndicatorValue.objects.filter(
        indicator=indicators["grow"], partner=p, period_code="2026-01"
    ).exists()
    assert value(indicators["new"], p, "2026").value == 2  # both associated this year (today)
    assert not IndicatorValue.objects.filter(
        indicator=indicators["rev"], partner=indicators["reseller"]
    ).exists()


def test_rerunning_the_job_gives_the_same_rows(indicators):
    before = sorted(
        IndicatorValue.objects.values_list("indicator_id", "partner_id", "period_code", "value", "row_count")
    )
    assert indicators_compute(today=TODAY) == len(before)
    after = sorted(
        IndicatorValue.objects.values_list("indicator_id", "partner_id", "period_code", "value", "row_count")
    )
    assert before == after


def test_feedback_is_a_thread_answered_by_operations(indicators, django_user_model):
    v = value(indicators["rev"], indicators["partner"], "2026-01")
    assert indicator_feedback_write(user=indicators["sales"], value_id=v.pk, text="Missing an order").changed
    assert not indicator_feedback_write(
        user=indicators["sales"], value_id=v.pk, text="Missing an order"
    ).changed
    with pytest.raises(Forbidden):
        indicator_feedback_write(user=indicators["viewer"], value_id=v.pk, text="x")
    with pytest.raises(NotFound):
        indicator_feedback_write(user=indicators["rival_admin"], value_id=v.pk, text="x")
    operator = django_user_model.objects.create(username="op", is_staff=True)
    indicator_feedback_reply(actor=operator, value_id=v.pk, text="Added next month")
    v.refresh_from_db()
    assert (v.feedback, v.feedback_reply, v.feedback_status) == (
        "Missing an order",
        "Added next month",
        "answered",
    )
    assert list(IndicatorFeedback.objects.filter(value=v).values_list("author_kind", "status")) == [
        ("partner", "open"), ("operator", "answered"),
    ]  # fmt: skip


def test_the_list_filters_and_the_details_search(client, indicators):
    client.force_login(indicators["admin"])
    response = client.get(
        "/incentives/indicators/", {"indicator": indicators["rev"].pk, "period_code": "2026-0"}
    )
    assert response.status_code == 200
    assert {v.period_code for v in response.context["page"].rows} == {"2026-01", "2026-02", "2026-03"}
    assert (
        client.get("/incentives/indicators/", {"method": "growth_rate", "value_max": "-0.9"}).context["count"]
        == 2  # 2025-02 (nothing after 400) and 2026-04 (nothing after 100)
    )
    assert client.get("/incentives/indicators/", {"value_min": "abc"}).status_code == 400
    v = value(indicators["rev"], indicators["partner"], "2026-01")
    details = client.get(f"/incentives/indicators/{v.pk}/")
    lines = details.context["page"].rows
    assert len(lines) == v.row_count == 3 and sum(line.revenue for line in lines) == v.value
    order = lines[0].order_id
    assert [
        line.order_id
        for line in client.get(f"/incentives/indicators/{v.pk}/", {"q": order}).context["page"].rows
    ] == [order]
    assert (
        len(client.get(f"/incentives/indicators/{v.pk}/", {"q": f"R{lines[1].pk}"}).context["page"].rows) == 1
    )
    client.force_login(indicators["rival_admin"])
    assert client.get(f"/incentives/indicators/{v.pk}/").status_code == 404


def test_feedback_from_the_page(client, indicators):
    v = value(indicators["pay"], indicators["partner"], "2026")
    client.force_login(indicators["finance"])
    assert (
        client.post(f"/incentives/indicators/{v.pk}/feedback/", {"text": "Count looks low"}).status_code
        == 302
    )
    v.refresh_from_db()
    assert (v.feedback, v.feedback_status) == ("Count looks low", "open")


def test_export_selected_and_by_period_queue_jobs_in_export_history(
    client, indicators, django_capture_on_commit_callbacks
):
    from incentives.models import ExportJob

    picked = list(
        IndicatorValue.objects.filter(partner=indicators["partner"]).values_list("pk", flat=True)[:2]
    )
    client.force_login(indicators["finance"])
    response = client.post("/incentives/indicators/export/", {"selected": "1", "value_ids": picked})
    assert response.status_code == 302 and response["Location"] == "/incentives/exports/"
    response = client.post("/incentives/indicators/export/", {"period": "2026-02", "format": "csv"})
    assert response.status_code == 302
    jobs = ExportJob.objects.filter(kind="indicator_values").order_by("pk")
    assert [(job.method, job.detail_ids) for job in jobs] == [("selected", sorted(picked)), ("period", [])]
    from dashboards.export_kinds import export_indicator_values

    by_period = set(export_indicator_values(jobs[1]).values_list("period_code", flat=True))
    assert by_period == {"2026-02", "2026-Q1", "2026"}
    rival = IndicatorValue.objects.exclude(partner=indicators["partner"]).first()
    if rival is not None:  # another partner's value cannot be selected
        client.post("/incentives/indicators/export/", {"selected": "1", "value_ids": [rival.pk]})
        assert ExportJob.objects.filter(kind="indicator_values").count() == 2
    client.force_login(indicators["sales"])
    client.post("/incentives/indicators/export/", {"selected": "1", "value_ids": picked})
    assert ExportJob.objects.filter(kind="indicator_values").count() == 2  # sales may not export
