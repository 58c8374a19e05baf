"""Operators read a bill's timeline newest first: on its pages and in the audit trail."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from incentives.admin.statements import StatementEventInline
from incentives.models import StatementEvent
from incentives.services.statements import statement_confirm, statement_return

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_history(bills, operator, partner_setup):
    """Published, confirmed, returned by the operator, confirmed again: four events."""
    bill = bills["by_partner"]
    deadline = timezone.now() + timedelta(days=3)
    statement_return(statement_id=bill.pk, actor=operator, reason="Recheck ECS", new_deadline=deadline)
    statement_confirm(statement_id=bill.pk, actor=partner_setup["finance"])
    return bill


def newest_first(bill):
    return list(StatementEvent.objects.filter(statement=bill).order_by("-created_at", "-id"))


def inline_events(response):
    (events,) = [
        f for f in response.context["inline_admin_formsets"] if f.opts.__class__ is StatementEventInline
    ]
    return [form.form.instance for form in events]


@pytest.mark.parametrize("admin", ["payoutreview", "statement"])
def test_a_bill_page_lists_its_events_newest_first(client, operator, long_history, admin):
    client.force_login(operator)

    response = client.get(reverse(f"admin:incentives_{admin}_change", args=[long_history.pk]))

    shown = inline_events(response)
    assert len(shown) == 4 and shown == newest_first(long_history)
    assert shown[1].reason == "Recheck ECS" and shown[-1].old_status == "estimated"


def test_the_audit_trail_lists_events_newest_first(client, operator, long_history, bills):
    client.force_login(operator)

    listed = client.get(reverse("admin:incentives_statementevent_changelist")).context["cl"].result_list

    assert list(listed) == list(StatementEvent.objects.order_by("-created_at", "-id"))
    assert listed[0].statement_id == long_history.pk and len(listed) == 4 + 2 + 1


def test_admin_pages_name_the_time_zone_of_their_times(client, operator, settings):
    client.force_login(operator)
    page = client.get("/admin/").content.decode()
    assert f"Times in {settings.TIME_ZONE}" in page
