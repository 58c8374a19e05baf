"""The overview is a to-do page: what waits for the user, each a link; then the bills."""

from datetime import timedelta

import pytest
from django.utils import timezone

from incentives.operators import ensure_operators_group
from incentives.services.exports import export_request, export_run
from incentives.services.feedback import feedback_add, feedback_reply
from incentives.services.statements import statement_publish
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(partner_setup):
    statement = factories.bill(partner_setup["distributor"], factories.PeriodFactory(code="2026-10"))
    statement_publish(statement_id=statement.pk, actor=None)
    statement.refresh_from_db()
    statement.confirmation_deadline = timezone.now() + timedelta(days=4, hours=3)
    statement.save(update_fields=["confirmation_deadline"])
    return statement


def home(client, user):
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_bills_to_confirm_with_days_left_only_for_who_may_confirm(client, partner_setup, pending):
    body = home(client, partner_setup["finance"])
    item = body.split('data-testid="todo-confirm"', 1)[1].split("</li>", 1)[0]
    assert "Confirm the 2026-10 bill" in item and "5 days left" in item
    assert 'href="/incentives/summary/?period=2026-10"' in item
    for role in ("sales", "viewer"):
        body = home(client, partner_setup[role])
        assert 'data-testid="todo-confirm"' not in body
        assert 'data-testid="todo-none"' in body
        assert 'data-testid="bills"' in body and "2026-10" in body  # the bills list as before


def test_answered_feedback_links_to_the_lines(client, partner_setup, pending):
    line = pending.incentives.get().lines.first()
    operator = factories.UserFactory(username="ops", is_staff=True)
    operator.groups.add(ensure_operators_group())
    feedback_add(line_id=line.pk, actor=partner_setup["sales"], text="Why 5%?")
    body = home(client, partner_setup["viewer"])
    assert 'data-testid="todo-answered"' not in body  # open, not yet answered
    feedback_reply(line_id=line.pk, actor=operator, text="The RSL rate.", status="answered")
    body = home(client, partner_setup["viewer"])
    item = body.split('data-testid="todo-answered"', 1)[1].split("</li>", 1)[0]
    assert "1 line of 2026-10 has an answer from operations" in item
    assert 'href="/incentives/details/?period=2026-10&amp;feedback=answered"' in item
    assert 'data-testid="todo-answered"' not in home(client, partner_setup["rival_admin"])


def test_finished_exports_for_who_may_download(client, partner_setup, pending, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    job = export_run(export_request(user=partner_setup["finance"], method="period", period="2026-10").pk)
    body = home(client, partner_setup["admin"])
    item = body.split('data-testid="todo-export"', 1)[1].split("</li>", 1)[0]
    assert f"/incentives/exports/{job.pk}/download/" in item and job.file_name in item
    for role in ("sales", "viewer"):
        assert 'data-testid="todo-export"' not in home(client, partner_setup[role])
    assert 'data-testid="todo-export"' not in home(client, partner_setup["rival_admin"])


def test_overview_in_chinese_has_its_terms(client, partner_setup, pending):
    from customers.languages import user_language_set

    user_language_set(partner_setup["admin"], "zh-hans")
    body = home(client, partner_setup["admin"])
    assert "待您处理" in body and "确认 2026-10 的账单" in body and "剩余 5 天" in body
